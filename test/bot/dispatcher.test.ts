import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/bot/dispatcher.js';
import { defineCommand } from '../../src/bot/command.js';
import { audit } from '../../src/domain/actor.js';
import { createLogger } from '../../src/logger.js';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

describe.each(KINDS)('dispatcher on %s', (kind) => {
  const bot = useBot(kind);

  it('the same platform message id twice has one effect and the same reply', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const id = randomUUID();
    const first = await b.say('张三', '长沙群', '荐书 《活着》 微博', id);
    const again = await b.say('张三', '长沙群', '荐书 《活着》 微博', id);
    expect(again).toBe(first);
    expect(await b.app.database.prisma.recommendation.count({ where: { bookTitle: '活着' } })).toBe(1);
  });

  it('concurrent deliveries of one message id have one effect', async () => {
    const b = bot();
    const id = randomUUID();
    const replies = await Promise.all(Array.from({ length: 4 }, () => b.say('张三', '长沙群', '上报 荐读 7', id)));
    expect(new Set(replies).size).toBe(1);
    expect(replies[0]).toContain('好书荐读参与人数');
    const audits = await b.app.database.prisma.auditLog.count({ where: { messageId: id } });
    expect(audits).toBe(1);
  });

  it('many different messages at once are all handled (transactions do not interfere)', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => b.say(`工友${i}`, '长沙群', `荐书 《并发之书${i}》 微博`)),
    );
    for (const r of replies) expect(r).toContain('已记录');
    expect(await b.app.database.prisma.recommendation.count({ where: { bookTitle: { startsWith: '并发之书' } } })).toBe(12);
  });

  it('a burst of 600 messages from known people at once is all answered', async () => {
    // Prisma merges findUniques made in one tick into one query, past SQLite's parameter limit
    // (prisma/orm#23957): the lookups on the message path must not be merged.
    const b = bot();
    const people = Array.from({ length: 600 }, (_, i) => `读者${i}`);
    for (const p of people) await b.say(p, '大群', '帮助');
    const replies = await Promise.all(people.map((p) => b.say(p, '大群', '我的')));
    expect(replies.filter((r) => r.includes('出了点问题'))).toEqual([]);
    expect(await b.app.database.prisma.member.count({ where: { platformUserId: { startsWith: '读者' } } })).toBe(600);
  }, 60_000);

  it("a newcomer's first messages arriving together create one member and one chat", async () => {
    const b = bot();
    const replies = await Promise.all(Array.from({ length: 3 }, () => b.say('新同事', '新成立的群', '上报 荐读 1')));
    for (const r of replies) expect(r).toContain('请先绑定单位');
    expect(await b.app.database.prisma.member.count({ where: { platformUserId: '新同事' } })).toBe(1);
    // A refused command still records the chat, so the group is known from its first message.
    expect(await b.app.database.prisma.chat.count({ where: { platformChatId: '新成立的群' } })).toBe(1);
  });

  it('a refused command is answered the same on retry and changes nothing', async () => {
    const b = bot();
    const id = randomUUID();
    const r1 = await b.say('路人', '路人群', '上报 荐读 3', id);
    const r2 = await b.say('路人', '路人群', '上报 荐读 3', id);
    expect(r1).toBe(r2);
    expect(r1).toContain('请先绑定单位');
  });

  it('strips @-mentions, a leading slash and full-width punctuation', async () => {
    const b = bot();
    expect(await b.say('张三', '长沙群', '@阅读助手 /帮助')).toContain('活动助手');
    expect(await b.say('张三', '长沙群', '＠阅读助手　上报　荐读　８')).toMatch(/好书荐读参与人数：(7 → )?8/);
    expect(await b.say('张三', '长沙群', '@阅读助手')).toContain('发送「帮助」看看我能做什么');
  });

  it('a bug in a command is logged, answered politely, and rolls back its writes', async () => {
    const b = bot();
    const lines: string[] = [];
    const logger = createLogger('error', { write: (s: string) => void lines.push(s) } as any);
    const broken = defineCommand({
      names: ['坏命令'],
      section: '管理',
      summary: 'test',
      usage: '坏命令',
      examples: [],
      access: 'anyone',
      async run(ctx) {
        await audit(ctx.tx, ctx.actor, 'before-crash', 'Test', 1);
        throw new Error('secret internal detail');
      },
    });
    const d = new Dispatcher({ database: b.app.database, campaign: b.app.campaign, commands: [broken], superadmins: [], logger });
    const reply = await d.handle({ platform: 'console', chatId: 'x', chatType: 'group', senderId: 'u', senderName: 'u', text: '坏命令', messageId: randomUUID() });
    expect(reply).toContain('抱歉');
    expect(reply).not.toContain('secret');
    expect(lines.join('')).toContain('secret internal detail');
    expect(await b.app.database.prisma.auditLog.count({ where: { action: 'before-crash' } })).toBe(0);
  });

  it('no input throws out of the dispatcher or gets an empty reply (property)', async () => {
    const b = bot();
    const commandish = fc.constantFrom('', '帮助 ', '绑定 ', '上报 荐读 ', '登记社群 ', '登记活动 ', '荐书 ', '申报承办 ', '批准 ', '驳回 ', '更新社群 ', '活动完成 ', '取消', '排行');
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('😀📚', '\u0000\u0007\u001b[31m', '\u202e反向', '《》', '=:=:', '人数=', 'x'.repeat(10_000)),
    );
    await fc.assert(
      fc.asyncProperty(commandish, text, fc.constantFrom('张三', '路人', '省总王处'), async (cmd, rest, user) => {
        const reply = await b.say(user, '模糊群', cmd + rest);
        expect(typeof reply).toBe('string');
        expect(reply.trim().length).toBeGreaterThan(0);
        expect(reply).not.toMatch(/at .+\.ts:\d+|Error:|undefined|NaN|\[object/);
      }),
      { numRuns: 150 },
    );
  });
});
