import { refusal } from '../src/bot/access.js';
import { defineCommand, SECTIONS, type CommandDef, type Context } from '../src/bot/command.js';

const ACCESS_NOTE: Record<CommandDef['access'], string> = {
  anyone: '所有人可用',
  bound: '绑定单位后可用',
  admin: '仅管理员',
  superadmin: '仅超级管理员',
};

export default defineCommand({
  names: ['帮助', 'help', '?', '？'],
  section: '开始',
  summary: '查看我能做什么，或某个命令的用法',
  usage: '帮助 [命令]',
  examples: ['帮助', '帮助 登记社群'],
  access: 'anyone',
  async run(ctx: Context, { rest }) {
    const word = String(rest ?? '').trim().toLowerCase();
    if (word) {
      const def = ctx.commands.find((c) => c.names.some((n) => n.toLowerCase() === word));
      if (!def) {
        ctx.reply(`没有「${word}」这个命令。发送「帮助」查看全部命令。`);
        return;
      }
      const alias = def.names.slice(1).filter((n) => /^[a-z-]+$/i.test(n));
      ctx.reply(
        [
          `「${def.names[0]}」${alias.length ? `（英文：${alias.join(' / ')}）` : ''}：${def.summary}`,
          `用法：${def.usage}`,
          '例如：',
          ...def.examples.map((e) => `  ${e}`),
          `权限：${ACCESS_NOTE[def.access]}`,
        ].join('\n'),
      );
      return;
    }
    const mine = ctx.commands.filter((c) => !refusal(c, ctx));
    const lines = SECTIONS.flatMap((section) => {
      const here = mine.filter((c) => c.section === section);
      return here.length ? [`【${section}】`, ...here.map((c) => `· ${c.usage.length <= 20 ? c.usage : c.names[0]} — ${c.summary}`)] : [];
    });
    const unit = ctx.member.unit ?? ctx.chat.unit;
    ctx.reply(
      [
        `${ctx.campaign.name} 活动助手，您可以发送：`,
        ...lines,
        unit ? '' : '\n先发送「绑定 单位名」（例如：绑定 长沙）把本群和您绑定到单位，就能使用更多命令。',
        '发送「帮助 命令名」看详细用法和例子。',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
});
