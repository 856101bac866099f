import { refusal } from '../src/bot/access.js';
import { defineCommand, SECTIONS, type CommandDef } from '../src/bot/command.js';
import { clip, simplified } from '../src/bot/text.js';
import { t } from '../src/texts.js';

/** The longest overview sent whole: below the smallest platform limit (2,048 bytes), with room to spare. */
const HELP_BYTES = 1800;

export default defineCommand({
  names: ['帮助', 'help', '?', '？'],
  glued: false,
  variants: ['怎么用', '如何使用', '使用说明', '说明', '菜单', '命令', '功能'],
  section: '开始',
  summary: '查看我能做什么，或某个命令的用法',
  usage: '帮助 [命令]',
  examples: ['帮助', '帮助 登记社群'],
  access: 'anyone',
  // The command asked about is read whole from the words after 帮助.
  async run(ctx, _values, rest) {
    const word = rest.trim().toLowerCase();
    if (word) {
      const def = ctx.commands.find((c) => [...c.names, ...(c.variants ?? [])].some((n) => n.toLowerCase() === simplified(word)));
      if (!def) {
        ctx.reply(t('units.help.unknown', { word: clip(word) }));
        return;
      }
      const aliases = def.names.slice(1).filter((n) => /^[a-z-]+$/i.test(n));
      ctx.reply(
        [
          t('units.help.title', { name: def.names[0], aliases, summary: def.summary }),
          t('units.help.usage', { usage: def.usage }),
          t('units.help.examples'),
          ...def.examples.map((example) => `  ${example}`),
          t('units.help.access', { who: t(`units.help.access.${def.access}`) }),
        ].join('\n'),
      );
      return;
    }
    const mine = ctx.commands.filter((c) => !refusal(c, ctx));
    const sections = SECTIONS.map((section) => mine.filter((c) => c.section === section)).filter((here) => here.length);
    // Each command on its own line with its usage; when that is longer than a chat message
    // should be, the last sections list only their command names, until it fits.
    const full = (here: CommandDef[]) => here.map((c) => `· ${c.usage.length <= 20 ? c.usage : c.names[0]} — ${c.summary}`);
    const brief = (here: CommandDef[]) => [`· ${here.map((c) => c.names[0]).join('、')}`];
    const render = (compact: number) =>
      [
        t('units.help.intro', { campaign: ctx.campaign.name }),
        ...sections.flatMap((here, i) => [t('units.help.section', { section: here[0].section }), ...(i >= sections.length - compact ? brief(here) : full(here))]),
        ctx.actor.unit ? '' : t('units.help.bindFirst'),
        t('units.help.more'),
      ]
        .filter(Boolean)
        .join('\n');
    let compact = 0;
    while (compact < sections.length && Buffer.byteLength(render(compact)) > HELP_BYTES) compact++;
    ctx.reply(render(compact));
  },
});
