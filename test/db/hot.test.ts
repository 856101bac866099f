import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/db/group-commit.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { claimDone, insertReceived, markGiven, rankingVersion, readIdentity, weeklyCounts } from '../../src/db/hot.js';
import { statementCounts, statementsSince } from '../../src/db/statements.js';
import { currentRankingRows, ranking, weekAndCampaignRanking } from '../../src/domain/ranking.js';
import { recordRecommendation, reportWeeklyCount, withdrawRecommendation } from '../../src/domain/reading.js';
import { weekKey } from '../../src/time.js';
import { KINDS } from '../helpers/db.js';
import { actorFor, inTx, useDomainDb } from '../helpers/domain.js';

const WEDNESDAY = new Date('2020-06-10T10:00:00+08:00');

describe.each(KINDS)('the message path’s own statements on %s', (kind) => {
  const d = useDomainDb(kind);

  it('reads the chat, the sender, their units and an open question in one statement, as Prisma reads them', async () => {
    const { prisma } = d();
    const changsha = await prisma.unit.findUniqueOrThrow({ where: { name: '长沙市总工会' } });
    const bank = await prisma.unit.create({ data: { name: '长沙银行工会', kind: 'GRASSROOTS', parentId: changsha.id } });
    await prisma.chat.create({ data: { platform: 'wecom', platformChatId: 'g1', title: '长沙群', unitId: changsha.id, pushSetAt: WEDNESDAY } });
    await prisma.member.create({ data: { platform: 'wecom', platformUserId: 'u1', displayName: '张三', unitId: bank.id, role: 'ADMIN', unitHow: 'first' } });
    await prisma.chat.create({ data: { platform: 'wecom', platformChatId: 'g2', isGroup: false } });

    const before = statementCounts();
    const read = await readIdentity(prisma, 'wecom', 'g1', 'u1');
    expect(statementsSince(before).data).toBe(1);
    const include = { unit: true } as const;
    expect(read).toEqual({
      chat: await prisma.chat.findFirstOrThrow({ where: { platform: 'wecom', platformChatId: 'g1' }, include }),
      member: await prisma.member.findFirstOrThrow({ where: { platform: 'wecom', platformUserId: 'u1' }, include }),
      asking: false,
    });
    // No unit, not a group.
    const bare = await readIdentity(prisma, 'wecom', 'g2', 'u1');
    expect(bare?.chat).toEqual(await prisma.chat.findFirstOrThrow({ where: { platformChatId: 'g2' }, include }));
    expect(bare?.chat.unit).toBeNull();
    // An open question of this sender in this chat, and no other.
    await prisma.conversation.create({ data: { platform: 'wecom', platformChatId: 'g1', platformUserId: 'u1', command: '上报', state: '{}', expiresAt: WEDNESDAY } });
    expect((await readIdentity(prisma, 'wecom', 'g1', 'u1'))?.asking).toBe(true);
    expect((await readIdentity(prisma, 'wecom', 'g2', 'u1'))?.asking).toBe(false);
    // Unknown chat or sender: nothing (identity.ts creates them).
    expect(await readIdentity(prisma, 'wecom', 'g1', 'nobody')).toBeUndefined();
    expect(await readIdentity(prisma, 'wecom', 'nowhere', 'u1')).toBeUndefined();
  });

  it('writes a received message to the inbox once, as the query builder would have', async () => {
    const { prisma } = d();
    const at = new Date('2020-06-10T02:00:00.123Z');
    const row = { platform: 'wecom', messageId: 'in-1', message: '{"text":"上报"}', replyRoute: '{"responseUrl":"u"}', replyAfter: new Date(at.getTime() + 300_000), claimedBy: 'i-1', claimedUntil: new Date(at.getTime() + 30_000), at };
    expect(await insertReceived(prisma, row)).toBe(true);
    expect(await insertReceived(prisma, { ...row, message: 'again' })).toBe(false);
    expect(await insertReceived(prisma, { ...row, messageId: 'in-2', replyAfter: null })).toBe(true);
    const saved = await prisma.processedMessage.findUniqueOrThrow({ where: { platform_messageId: { platform: 'wecom', messageId: 'in-1' } } });
    expect(saved).toEqual({
      platform: 'wecom', messageId: 'in-1', reply: '', createdAt: at, repliedAt: null, status: 'RECEIVED', message: '{"text":"上报"}',
      replyRoute: '{"responseUrl":"u"}', replyAfter: row.replyAfter, attempts: 0, nextAttemptAt: at, claimedBy: 'i-1', claimedUntil: row.claimedUntil, lastError: '',
    });
    // Found by the query builder's date comparisons, as the inbox worker looks for it.
    expect(await prisma.processedMessage.count({ where: { messageId: { in: ['in-1', 'in-2'] }, nextAttemptAt: { lte: at }, claimedUntil: { lt: row.replyAfter } } })).toBe(2);
    expect((await prisma.processedMessage.findFirstOrThrow({ where: { messageId: 'in-2' } })).replyAfter).toBeNull();
  });

  it('claims a received message with its reply, marks its reply given, each once', async () => {
    const { prisma } = d();
    const at = new Date('2020-06-10T02:00:00.456Z');
    await insertReceived(prisma, { platform: 'wecom', messageId: 'cl-1', message: '{}', replyRoute: '', replyAfter: null, claimedBy: 'i', claimedUntil: at, at });
    expect(await claimDone(prisma, 'wecom', 'cl-1', '已上报')).toBe(true);
    expect(await claimDone(prisma, 'wecom', 'cl-1', 'again')).toBe(false);
    expect(await claimDone(prisma, 'wecom', 'nowhere', 'x')).toBe(false);
    expect(await markGiven(prisma, 'wecom', 'cl-1', at)).toBe(true);
    expect(await markGiven(prisma, 'wecom', 'cl-1', new Date())).toBe(false);
    const row = await prisma.processedMessage.findUniqueOrThrow({ where: { platform_messageId: { platform: 'wecom', messageId: 'cl-1' } } });
    expect([row.status, row.reply, row.claimedUntil, row.repliedAt]).toEqual(['DONE', '已上报', null, at]);
    // The inbox worker's query for replies still owed sees it given.
    expect(await prisma.processedMessage.count({ where: { messageId: 'cl-1', repliedAt: null } })).toBe(0);
  });

  it('reads a unit’s weekly figures as the query builder does', async () => {
    const { prisma, campaign } = d();
    const actor = await actorFor(prisma, '周数', '郴州市总工会');
    await inTx(prisma, (tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count: 12, at: WEDNESDAY }));
    await inTx(prisma, (tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count: 9, at: new Date('2020-06-17T10:00:00+08:00') }));
    const unitId = actor.unit!.id;
    const viaBuilder = await prisma.countReport.findMany({ where: { campaignId: campaign.id, unitId, metric: 'recommend' }, select: { week: true, count: true, reporterId: true } });
    const raw = await weeklyCounts(prisma, campaign.id, unitId, 'recommend');
    const byWeek = (a: { week: string }, b: { week: string }) => a.week.localeCompare(b.week);
    expect(raw.sort(byWeek)).toEqual(viaBuilder.sort(byWeek));
    expect(raw.map((r) => r.count)).toEqual([12, 9]);
    expect(await weeklyCounts(prisma, campaign.id, unitId, 'other')).toEqual([]);
  });

  it('the ranking version moves with every recommendation, withdrawal and report, and stands still otherwise', async () => {
    const { prisma, campaign } = d();
    const actor = await actorFor(prisma, '版本', '株洲市总工会');
    const version = async () => (await rankingVersion(prisma)).key;
    const v0 = await version();
    expect(await version()).toBe(v0);
    await inTx(prisma, (tx) => recordRecommendation(tx, actor, { campaign, book: '《活着》', platform: 'WEIBO', person: '甲', at: WEDNESDAY }));
    const v1 = await version();
    expect(v1).not.toBe(v0);
    await inTx(prisma, (tx) => withdrawRecommendation(tx, actor, { campaignId: campaign.id, now: WEDNESDAY, book: '活着', person: '甲' }));
    const v2 = await version();
    expect(v2).not.toBe(v1);
    await inTx(prisma, (tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count: 7, at: WEDNESDAY }));
    const v3 = await version();
    expect(v3).not.toBe(v2);
    // Replacing the week's figure changes no id but writes an audit row.
    await inTx(prisma, (tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count: 8, at: WEDNESDAY }));
    expect(await version()).not.toBe(v3);
  });

  it('排行’s rankings: both in one statement, equal to the two queries; kept while nothing changed, read again after a change by another instance', async () => {
    const { prisma, campaign } = d();
    const a = await actorFor(prisma, '缓存甲', '衡阳市总工会');
    const b = await actorFor(prisma, '缓存乙', '湘潭市总工会');
    await inTx(prisma, (tx) => recordRecommendation(tx, a, { campaign, book: '《红岩》', platform: 'WEIBO', person: '甲', at: WEDNESDAY }));
    const week = weekKey(WEDNESDAY);
    const both = await weekAndCampaignRanking(prisma, campaign.id, week);
    expect(both).toEqual({ week: await ranking(prisma, campaign.id, week), total: await ranking(prisma, campaign.id) });

    // Two instances: each its own cache (keyed by its campaign object), one database. Kept however small.
    const one = { id: campaign.id };
    const two = { id: campaign.id };
    const first = await currentRankingRows(prisma, one, WEDNESDAY, 0);
    expect(first).toEqual(both);
    let before = statementCounts();
    expect(await currentRankingRows(prisma, one, WEDNESDAY, 0)).toEqual(both);
    expect(statementsSince(before).data).toBe(1); // the version only
    // The other instance records a recommendation: the first reads again and sees it.
    await currentRankingRows(prisma, two, WEDNESDAY, 0);
    await inTx(prisma, (tx) => recordRecommendation(tx, b, { campaign, book: '《围城》', platform: 'WEIBO', person: '乙', at: WEDNESDAY }));
    before = statementCounts();
    const after = await currentRankingRows(prisma, one, WEDNESDAY, 0);
    expect(statementsSince(before).data).toBe(2);
    expect(after).toEqual(await weekAndCampaignRanking(prisma, campaign.id, week));
    expect(after.total.find((r) => r.name === '湘潭市总工会')?.participants).toBe(1);
    // A new week is read afresh.
    before = statementCounts();
    await currentRankingRows(prisma, one, new Date('2020-06-17T10:00:00+08:00'), 0);
    expect(statementsSince(before).data).toBe(2);
    // A campaign smaller than the threshold is not kept: a change beside the commands shows at once.
    const three = { id: campaign.id };
    await currentRankingRows(prisma, three, WEDNESDAY, 1_000_000);
    before = statementCounts();
    await currentRankingRows(prisma, three, WEDNESDAY, 1_000_000);
    expect(statementsSince(before).data).toBe(2);
    await prisma.recommendation.updateMany({ where: { personName: '乙' }, data: { deletedAt: WEDNESDAY } });
    const edited = await currentRankingRows(prisma, three, WEDNESDAY, 1_000_000);
    expect(edited.total.find((r) => r.name === '湘潭市总工会')?.participants).toBe(0);
  });

  it('group commit: writes arriving together share one commit on SQLite; one that fails is undone alone', async () => {
    const { prisma } = d();
    const writes = new GroupCommit(prisma, kind);
    await prisma.processedMessage.create({ data: { platform: 'gc', messageId: 'taken' } });
    const before = statementCounts();
    const results = await Promise.allSettled(
      ['a', 'b', 'taken', 'c', 'd'].map((id, i) =>
        i % 2 ? writes.write((db) => db.processedMessage.create({ data: { platform: 'gc', messageId: id } })) : writes.transaction(async (tx) => {
          await tx.processedMessage.create({ data: { platform: 'gc', messageId: id } });
          await tx.processedMessage.update({ where: { platform_messageId: { platform: 'gc', messageId: id } }, data: { reply: `reply ${id}` } });
          return id;
        }),
      ),
    );
    const spent = statementsSince(before);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(isUniqueViolation((results[2] as PromiseRejectedResult).reason)).toBe(true);
    const rows = await prisma.processedMessage.findMany({ where: { platform: 'gc' }, orderBy: { messageId: 'asc' } });
    expect(rows.map((r) => [r.messageId, r.reply])).toEqual([
      ['a', 'reply a'],
      ['b', ''],
      ['c', ''],
      ['d', 'reply d'],
      ['taken', ''],
    ]);
    const commits = spent.control; // BEGIN, COMMIT, SAVEPOINT …
    if (kind === 'sqlite') {
      // The first write commits alone; the four that came meanwhile share the next commit.
      expect(commits).toBeLessThanOrEqual(2 * 2 + 4 * 3);
    }
  });
});
