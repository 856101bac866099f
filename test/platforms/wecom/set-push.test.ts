import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useBot } from '../../helpers/bot.js';
import { KINDS } from '../../helpers/db.js';
import { useWeComServer } from '../../helpers/wecom.js';

describe.each(KINDS)('设置推送 in a WeCom group on %s', (kind) => {
  const s = useWeComServer(kind);
  const key = () => `${randomUUID()}`;

  it('a unit contact sets the group robot address: one test message goes out, the key is stored, never echoed', async () => {
    const { base, bot, fake, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 长沙', { chatid, userid: 'contact1' }));
    const k = key();
    const r = await bot.postBot(base, bot.botText(`设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${k}`, { chatid, userid: 'contact1' }));
    const reply: string = r.reply.stream.content;
    expect(reply).toContain('推送地址已保存');
    expect(reply).toContain(`key=${k.slice(0, 4)}…${k.slice(-4)}`);
    expect(reply).not.toContain(k);
    const sent = fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === k);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('推送测试') } });
    const chat = await app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: chatid } });
    expect(chat.pushKey).toBe(k);
    expect(chat.pushSetAt).not.toBeNull();
    const audit = await app.database.prisma.auditLog.findFirstOrThrow({ where: { action: 'set-push', entityId: String(chat.id) } });
    expect(audit.detail).not.toContain(k);
    const processed = await app.database.prisma.processedMessage.findMany({ where: { reply: { contains: '推送地址已保存' } } });
    for (const p of processed) expect(p.reply).not.toContain(k);
  });

  it('an address WeCom refuses is not saved, and the reply says what WeCom said', async () => {
    const { base, bot, fake, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 株洲', { chatid, userid: 'contact2' }));
    const k = key();
    fake.unknownKeys.add(k);
    const r = await bot.postBot(base, bot.botText(`设置推送 ${k}`, { chatid, userid: 'contact2' }));
    expect(r.reply.stream.content).toContain('测试消息没有发出去（平台返回：93000 invalid webhook url），地址没有保存');
    expect((await app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: chatid } })).pushKey).toBe('');
  });

  it('refuses politely: not an address, another unit’s group, an unbound group, a single chat', async () => {
    const { base, bot } = s();
    const say = async (chatid: string, userid: string, text: string, chattype: 'group' | 'single' = 'group') =>
      (await bot.postBot(base, bot.botText(text, { chatid, userid, chattype }))).reply.stream.content as string;
    const cs = `wrk-${randomUUID()}`;
    await say(cs, 'c-cs', '绑定 衡阳');
    expect(await say(cs, 'c-cs', '设置推送 https://example.com/hook?key=abcdefabcdefabcdef')).toContain('这不是企业微信群机器人的推送地址');
    await say(cs, 'c-cs', '取消');

    const other = `wrk-${randomUUID()}`;
    await say(other, 'c-yy', '绑定 岳阳');
    expect(await say(cs, 'c-yy', `设置推送 ${key()}`)).toContain('本群属于「衡阳市总工会」，只有该单位的联系人或管理员可以设置推送地址');

    const unbound = `wrk-${randomUUID()}`;
    expect(await say(unbound, 'c-yy', `设置推送 ${key()}`)).toContain('请先在本群发送「绑定 单位名」');
    expect(await say('', 'c-yy', `设置推送 ${key()}`, 'single')).toContain('请在要接收推送的群里发送');
  });
});

describe('设置推送 in the console', () => {
  const bot = useBot('sqlite');
  it('says the console needs no push address', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    expect(await b.say('张三', '长沙群', '设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa')).toContain(
      '本地控制台的推送会直接显示出来',
    );
  });
});
