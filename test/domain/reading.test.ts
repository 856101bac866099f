import { describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/client.js';
import type { Actor } from '../../src/domain/actor.js';
import { UserError } from '../../src/domain/errors.js';
import { recordRecommendation, reportWeeklyCount } from '../../src/domain/reading.js';
import { useBot, type Bot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

const WEDNESDAY = new Date('2020-06-10T10:00:00+08:00');
const NEXT_MONDAY = new Date('2020-06-15T00:01:00+08:00');

/** A member of the unit named `unitName` (none: unbound), as the dispatcher would describe them. */
async function actorIn(b: Bot, user: string, unitName?: string): Promise<Actor> {
  const prisma = b.app.database.prisma;
  const unit = unitName ? await prisma.unit.findUniqueOrThrow({ where: { name: unitName } }) : null;
  const member = await prisma.member.create({ data: { platform: 'console', platformUserId: user, displayName: user, unitId: unit?.id } });
  return { memberId: member.id, name: user, ref: `console:${user}`, platform: 'console', messageId: `msg-${user}`, isAdmin: false, unit };
}

/** The text key of the UserError `work` throws. */
async function refusal(work: Promise<unknown>): Promise<string> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).key;
}

describe.each(KINDS)('好书荐读 rules on %s', (kind) => {
  const bot = useBot(kind);
  const inTx = <T>(b: Bot, work: (tx: Tx) => Promise<T>) => b.app.database.prisma.$transaction(work);

  it('a recommendation counts once per unit, person and book; the week count is the unit’s this week', async () => {
    const b = bot();
    const campaign = b.app.campaign;
    const actor = await actorIn(b, 'rec-1', '长沙市总工会');
    const recommend = (book: string, person: string, at = WEDNESDAY) =>
      inTx(b, (tx) => recordRecommendation(tx, actor, { campaign, book, platform: 'WEIBO', link: 'https://weibo.com/1', person, at }));

    const first = await recommend('《平凡的世界》', '张三');
    expect(first).toMatchObject({ book: '平凡的世界', unit: { name: '长沙市总工会' }, weekCount: 1 });
    if (!('recorded' in first)) throw new Error('not recorded');
    expect(first.recorded).toMatchObject({ personName: '张三', bookTitle: '平凡的世界', platform: 'WEIBO', week: '2020-06-08', memberId: actor.memberId });

    const again = await recommend('平凡的世界', '张三');
    expect(again).toEqual({ duplicateOf: first.recorded, book: '平凡的世界' });
    expect(await recommend('《平凡的世界》', '李梅')).toMatchObject({ weekCount: 2 });
    // A new week starts the count again; the whole campaign still knows the book per person.
    expect(await recommend('《活着》', '张三', NEXT_MONDAY)).toMatchObject({ weekCount: 1 });
    expect(await recommend('《平凡的世界》', '张三', NEXT_MONDAY)).toHaveProperty('duplicateOf');

    const rows = await b.app.database.prisma.recommendation.count({ where: { unitId: actor.unit!.id } });
    expect(rows).toBe(3);
    const audit = await b.app.database.prisma.auditLog.findFirstOrThrow({ where: { entity: 'Recommendation', entityId: String(first.recorded.id) } });
    expect([audit.action, audit.actor, audit.messageId, JSON.parse(audit.detail)]).toEqual([
      'create',
      'console:rec-1',
      'msg-rec-1',
      { unit: '长沙市总工会', person: '张三', book: '平凡的世界' },
    ]);
  });

  it('a recommendation needs a title, a unit and the campaign’s dates', async () => {
    const b = bot();
    const campaign = b.app.campaign;
    const actor = await actorIn(b, 'rec-2', '株洲市总工会');
    const input = { campaign, book: '《》', platform: 'OTHER' as const, person: '王五', at: WEDNESDAY };
    expect(await refusal(inTx(b, (tx) => recordRecommendation(tx, actor, input)))).toBe('reading.bookMissing');
    const late = { ...input, book: '《活着》', at: new Date('2021-01-01T08:00:00+08:00') };
    expect(await refusal(inTx(b, (tx) => recordRecommendation(tx, actor, late)))).toBe('reading.recommendOutsideCampaign');
    const unbound = await actorIn(b, 'rec-3');
    expect(await refusal(inTx(b, (tx) => recordRecommendation(tx, unbound, { ...input, book: '《活着》' })))).toBe('access.bindFirst');
    expect(await b.app.database.prisma.recommendation.count({ where: { personName: '王五' } })).toBe(0);
  });

  it('a weekly count is one per unit and week: the same week replaces it, before and after, audited as such', async () => {
    const b = bot();
    const campaign = b.app.campaign;
    const actor = await actorIn(b, 'rep-1', '衡阳市总工会');
    const report = (count: number, at = WEDNESDAY) => inTx(b, (tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count, at }));

    const first = await report(35);
    expect(first).toMatchObject({ unit: { name: '衡阳市总工会' }, before: undefined, after: 35 });
    expect(first.monday.toISOString()).toBe(new Date('2020-06-08T00:00:00+08:00').toISOString());
    expect(await report(36)).toMatchObject({ before: 35, after: 36 });
    expect(await report(40, NEXT_MONDAY)).toMatchObject({ before: undefined, after: 40 });

    const prisma = b.app.database.prisma;
    const rows = await prisma.countReport.findMany({ where: { unitId: actor.unit!.id }, orderBy: { week: 'asc' } });
    expect(rows.map((row) => [row.week, row.count, row.reporterId, row.sourcePlatform, row.sourceMessageId])).toEqual([
      ['2020-06-08', 36, actor.memberId, 'console', 'msg-rep-1'],
      ['2020-06-15', 40, actor.memberId, 'console', 'msg-rep-1'],
    ]);
    const audits = await prisma.auditLog.findMany({ where: { entity: 'CountReport', entityId: String(rows[0].id) }, orderBy: { id: 'asc' } });
    expect(audits.map((row) => [row.action, JSON.parse(row.detail)])).toEqual([
      ['create', { metric: 'recommend', week: '2020-06-08', count: [null, 35] }],
      ['replace', { metric: 'recommend', week: '2020-06-08', count: [35, 36] }],
    ]);
  });

  it('a weekly count needs a unit and the campaign’s dates', async () => {
    const b = bot();
    const campaign = b.app.campaign;
    const actor = await actorIn(b, 'rep-2', '湘潭市总工会');
    const early = { campaign, metric: 'recommend', count: 3, at: new Date('2020-04-30T12:00:00+08:00') };
    expect(await refusal(inTx(b, (tx) => reportWeeklyCount(tx, actor, early)))).toBe('reading.reportOutsideCampaign');
    const unbound = await actorIn(b, 'rep-3');
    expect(await refusal(inTx(b, (tx) => reportWeeklyCount(tx, unbound, { ...early, at: WEDNESDAY })))).toBe('access.bindFirst');
    expect(await b.app.database.prisma.countReport.count({ where: { unitId: actor.unit!.id } })).toBe(0);
  });
});
