import { describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/client.js';
import type { Actor } from '../../src/domain/actor.js';
import { currentRanking, rankingView, TOP_PLACES, weekRanking, type BoardLine, type RankRow } from '../../src/domain/ranking.js';
import { recordRecommendation, reportWeeklyCount } from '../../src/domain/reading.js';
import type { Unit } from '../../src/generated/sqlite/client.js';
import { rankingMessage } from '../../src/jobs/jobs.js';
import { useBot, type Bot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/** Rows of one board as the database ranks them: by participants, ties sharing a rank. */
function board(kind: RankRow['board'], participants: number[], firstId = kind === 'CITY' ? 100 : 200): RankRow[] {
  return participants.map((n, i) => ({
    unitId: firstId + i,
    name: `${kind}-${i}`,
    board: kind,
    participants: n,
    rank: 1 + participants.filter((other) => other > n).length,
  }));
}

/** A board's lines in short: `3*` is the own unit in place 3, `—` the gap. */
const short = (lines: BoardLine[]) => lines.map((line) => (typeof line === 'string' ? line : `${line.row.rank}${line.own ? '*' : ''}`));

describe('the ranking view', () => {
  it(`shows the top ${TOP_PLACES} places of units with anybody, and the own unit after a gap when further down`, () => {
    const rows = [...board('CITY', [14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 0]), ...board('INDUSTRY', [2, 0, 0])];
    const [city, industry] = rankingView(rows, 111);
    expect(city.board).toBe('CITY');
    expect(short(city.lines)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'gap', '12*']);
    expect(short(industry.lines)).toEqual(['1']);
    // Within the top, the own unit is marked in its place; with nobody, it still shows.
    expect(short(rankingView(rows, 103)[0].lines)).toEqual(['1', '2', '3', '4*', '5', '6', '7', '8', '9', '10']);
    expect(short(rankingView(rows, 112)[0].lines).slice(-2)).toEqual(['gap', '13*']);
  });

  it('says nobody when a board has nothing to show, and shows an own unit with nobody without a gap', () => {
    const rows = [...board('CITY', [0, 0]), ...board('INDUSTRY', [0, 0])];
    expect(rankingView(rows, undefined).map((view) => view.lines)).toEqual([['nobody'], ['nobody']]);
    expect(short(rankingView(rows, 201)[1].lines)).toEqual(['1*']);
  });

  it('adds each place’s change against the week before when given it', () => {
    const now = board('CITY', [9, 7, 5, 3]);
    const before: RankRow[] = [
      { ...now[0], participants: 2, rank: 3 }, // up two places
      { ...now[1], participants: 7, rank: 1 }, // down one
      { ...now[2], participants: 0, rank: 4 }, // had nobody: no place to come from
      // now[3]: no row the week before
    ];
    const lines = rankingView(now, 100, before)[0].lines as Exclude<BoardLine, string>[];
    expect(lines.map((line) => [line.own, line.change])).toEqual([
      [true, { participants: 7, placesUp: 2 }],
      [false, { participants: 0, placesUp: -1 }],
      [false, { participants: 5, placesUp: 0 }],
      [false, { participants: 3, placesUp: 0 }],
    ]);
    expect(rankingView(now, 100)[0].lines.every((line) => typeof line === 'string' || line.change === undefined)).toBe(true);
  });

  it('a unit that dropped to nobody has no place: its count changes, its place neither rises nor falls', () => {
    // Was 2nd with 2; now nobody (ranked last among the zeros by the database).
    const now = board('CITY', [5, 3, 0, 0]);
    const before: RankRow[] = [
      { ...now[0], participants: 9, rank: 1 },
      { ...now[1], participants: 1, rank: 3 },
      { ...now[2], participants: 2, rank: 2 },
      { ...now[3], participants: 20, rank: 1 },
    ];
    const lines = rankingView(now, now[2].unitId, before)[0].lines as Exclude<BoardLine, string>[];
    const dropped = lines.find((line) => typeof line !== 'string' && line.row.unitId === now[2].unitId)!;
    expect(dropped.change).toEqual({ participants: -2, placesUp: 0 });
    const message = rankingMessage('6月8日—6月14日', rankingView(now, now[2].unitId, before));
    expect(message).toContain('👉— CITY-2 0 人（-2）');
    expect(message).not.toMatch(/0 人（-\d+，[↑↓]/u);
  });
});

describe.each(KINDS)('the ranking from the database on %s', (kind) => {
  const bot = useBot(kind);
  const WEDNESDAY = new Date('2020-06-10T10:00:00+08:00');
  const WEEK_BEFORE = new Date('2020-06-03T10:00:00+08:00');

  async function actorOf(b: Bot, unit: Unit, user: string): Promise<Actor> {
    const member = await b.app.database.prisma.member.create({ data: { platform: 'console', platformUserId: user, displayName: user, unitId: unit.id } });
    return { memberId: member.id, name: user, ref: `console:${user}`, platform: 'console', messageId: `msg-${user}`, isAdmin: false, unit };
  }

  it('rolls up 基层单位, ranks ties alike, marks the viewer’s top unit, and compares with the week before', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const campaign = b.app.campaign;
    const unit = (name: string) => prisma.unit.findUniqueOrThrow({ where: { name } });
    const [changsha, zhuzhou, hengyang, yueyang, education] = await Promise.all(
      ['长沙市总工会', '株洲市总工会', '衡阳市总工会', '岳阳市总工会', '湖南省教育工会'].map(unit),
    );
    const bank = await prisma.unit.create({ data: { name: '长沙银行工会', kind: 'GRASSROOTS', parentId: changsha.id } });
    const inTx = <T>(work: (tx: Tx) => Promise<T>) => prisma.$transaction(work);
    const report = async (of: Unit, count: number, at = WEDNESDAY) => {
      const actor = await actorOf(b, of, `rep-${of.id}-${at.getTime()}`);
      await inTx((tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count, at }));
    };
    await report(bank, 10);
    await report(zhuzhou, 40, WEEK_BEFORE);
    await report(zhuzhou, 36);
    await report(hengyang, 36);
    await report(education, 5);
    const reader = await actorOf(b, changsha, 'reader');
    for (const [book, person] of [['《活着》', '张三'], ['《平凡的世界》', '张三'], ['《活着》', '李梅']]) {
      await inTx((tx) => recordRecommendation(tx, reader, { campaign, book, platform: 'WEIBO', person, at: WEDNESDAY }));
    }

    const place = (line: BoardLine) => (typeof line === 'string' ? line : `${line.own ? '👉' : ''}${line.row.rank} ${line.row.name} ${line.row.participants}`);
    // Seen from the 基层单位: its 市州 is marked. 张三 counts once however many books.
    const seen = await inTx((tx) => currentRanking(tx, { campaignId: campaign.id, unit: bank, now: WEDNESDAY }));
    expect(seen.monday.toISOString()).toBe(new Date('2020-06-08T00:00:00+08:00').toISOString());
    expect(seen.thisWeek.map((view) => [view.board, view.lines.map(place)])).toEqual([
      ['CITY', ['1 株洲市总工会 36', '1 衡阳市总工会 36', '👉3 长沙市总工会 12']],
      ['INDUSTRY', ['1 湖南省教育工会 5']],
    ]);
    expect(seen.total[0].lines.map(place)).toEqual(['1 株洲市总工会 76', '2 衡阳市总工会 36', '👉3 长沙市总工会 12']);
    // A unit with nobody yet still sees itself, after a gap.
    const fromYueyang = await inTx((tx) => currentRanking(tx, { campaignId: campaign.id, unit: yueyang, now: WEDNESDAY }));
    expect(fromYueyang.thisWeek[0].lines.map(place).slice(-2)).toEqual(['gap', '👉4 岳阳市总工会 0']);
    const noUnit = await inTx((tx) => currentRanking(tx, { campaignId: campaign.id, unit: null, now: WEDNESDAY }));
    expect(noUnit.thisWeek[0].lines.map(place)).toEqual(['1 株洲市总工会 36', '1 衡阳市总工会 36', '3 长沙市总工会 12']);

    // The weekly push reads the week and the one before.
    const { rows, previous } = await inTx((tx) => weekRanking(tx, campaign.id, seen.monday));
    const lines = rankingView(rows, zhuzhou.id, previous)[0].lines as Exclude<BoardLine, string>[];
    expect(lines.map((line) => [line.row.name, line.own, line.change])).toEqual([
      ['株洲市总工会', true, { participants: -4, placesUp: 0 }],
      ['衡阳市总工会', false, { participants: 36, placesUp: 0 }],
      ['长沙市总工会', false, { participants: 12, placesUp: 0 }],
    ]);
  });

  it('counts each worker once: a report covers its unit’s 荐书 and, for a 市州, its 基层单位 — in the week it was sent only', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const campaign = b.app.campaign;
    const inTx = <T>(work: (tx: Tx) => Promise<T>) => prisma.$transaction(work);
    const changde = await prisma.unit.findUniqueOrThrow({ where: { name: '常德市总工会' } });
    const plant = await prisma.unit.create({ data: { name: '常德卷烟厂工会', kind: 'GRASSROOTS', parentId: changde.id } });
    const [cityActor, plantActor] = [await actorOf(b, changde, 'cd-city'), await actorOf(b, plant, 'cd-plant')];
    const recommend = (actor: Actor, person: string, book: string, at: Date) =>
      inTx((tx) => recordRecommendation(tx, actor, { campaign, book, platform: 'WEIBO', person, at }));
    const report = (actor: Actor, count: number, at: Date) => inTx((tx) => reportWeeklyCount(tx, actor, { campaign, metric: 'recommend', count, at }));
    // Week before: 常德 reports 20 itself, its plant reports 7 and has 2 recommending workers: 20.
    await report(cityActor, 20, WEEK_BEFORE);
    await report(plantActor, 7, WEEK_BEFORE);
    await recommend(plantActor, '甲', '《红岩》', WEEK_BEFORE);
    await recommend(cityActor, '乙', '《红岩》', WEEK_BEFORE);
    // This week: 常德 does not report; its own 甲 and 丙 recommend, the plant's 甲 (another person) again: 2 + 1.
    await recommend(cityActor, '甲', '《活着》', WEDNESDAY);
    await recommend(cityActor, '丙', '《活着》', WEDNESDAY);
    await recommend(plantActor, '甲', '《围城》', WEDNESDAY);
    const figure = (rows: RankRow[]) => rows.find((row) => row.unitId === changde.id)!.participants;
    const { rows, previous } = await inTx((tx) => weekRanking(tx, campaign.id, new Date('2020-06-08T00:00:00+08:00')));
    expect([figure(previous), figure(rows)]).toEqual([20, 3]);
    // The whole campaign: 20, plus the workers of the week not covered by a report, each once
    // (the plant's 甲 recommended in both weeks, but the first week was covered by 常德's report).
    const total = await inTx((tx) => currentRanking(tx, { campaignId: campaign.id, unit: changde, now: WEDNESDAY }));
    const line = total.total[0].lines.find((l) => typeof l !== 'string' && l.row.unitId === changde.id) as Exclude<BoardLine, string>;
    expect(line.row.participants).toBe(23);
    // A withdrawn recommendation no longer counts, in the week or in the total.
    await prisma.recommendation.updateMany({ where: { unitId: changde.id, personName: '丙' }, data: { deletedAt: WEDNESDAY } });
    const after = await inTx((tx) => weekRanking(tx, campaign.id, new Date('2020-06-08T00:00:00+08:00')));
    expect(figure(after.rows)).toBe(2);
  });
});
