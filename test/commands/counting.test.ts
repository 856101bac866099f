import { describe, expect, it } from 'vitest';
import { useBot, type Bot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/** The line of 排行's weekly 市州 board that names `unit`. */
async function weekPlace(b: Bot, user: string, chat: string, unit: string): Promise<string | undefined> {
  const reply = await b.say(user, chat, '排行');
  const week = reply.slice(0, reply.indexOf('·累计】'));
  return week.split('\n').find((line) => line.includes(unit));
}

/**
 * One counting rule that never counts a worker twice: a unit's weekly figure is its 上报 when it
 * reported that week, else its distinct 荐书 persons; a 市州's figure adds its 基层单位 only when it
 * did not report itself (its report covers them). Withdrawn 荐书 are not counted.
 */
describe.each(KINDS)('counting participants on %s', (kind) => {
  const bot = useBot(kind);

  it('a unit’s own 上报 is its figure: its 荐书 and its 基层单位’ figures are not added to it', async () => {
    const b = bot();
    await b.say('赵', '银行群', '绑定 长沙/长沙银行工会');
    await b.say('赵', '银行群', '上报 荐读 10');
    await b.say('王芳', '长沙群', '绑定 长沙');
    await b.say('王芳', '长沙群', '荐书 《活着》 微博');
    await b.say('王芳', '长沙群', '荐书 《平凡的世界》 微博');
    await b.say('王芳', '长沙群', '荐书 《平凡的世界》 微博 荐书人=李梅');
    // Not reported by 长沙 itself: its two recommending workers plus its 基层单位’s 10.
    expect(await weekPlace(b, '王芳', '长沙群', '长沙市总工会')).toBe('👉1. 长沙市总工会 12 人');

    const saved = await b.say('王芳', '长沙群', '上报 荐读 50');
    expect(saved).toContain('已上报「长沙市总工会」本周（6月8日—6月14日）好书荐读参与人数：50');
    expect(saved).toContain('本单位的荐书和所属基层单位的数不再另计');
    expect(await weekPlace(b, '王芳', '长沙群', '长沙市总工会')).toBe('👉1. 长沙市总工会 50 人');

    // The 基层单位 reporting again is told its parent’s report already covers it.
    const covered = await b.say('赵', '银行群', '上报 荐读 11');
    expect(covered).toContain('10 → 11');
    expect(covered).toContain('「长沙市总工会」这一周已自己上报（已含本单位），以其数为准');
    expect(await weekPlace(b, '王芳', '长沙群', '长沙市总工会')).toBe('👉1. 长沙市总工会 50 人');
    // The whole campaign adds the weeks, each counted the same way.
    const total = (await b.say('王芳', '长沙群', '排行')).split('【市州总工会·累计】')[1];
    expect(total).toContain('👉1. 长沙市总工会 50 人');
  });

  it('a 基层单位’s own 上报 covers its 荐书; a withdrawn 荐书 is not counted', async () => {
    const b = bot();
    await b.say('孙', '衡钢群', '绑定 衡阳/衡钢工会');
    await b.say('孙', '衡钢群', '荐书 《红岩》 微博');
    await b.say('孙', '衡钢群', '荐书 《红岩》 微博 荐书人=周九');
    await b.say('孙', '衡钢群', '荐书 《围城》 喜马拉雅 荐书人=吴十');
    expect(await weekPlace(b, '孙', '衡钢群', '衡阳市总工会')).toBe('👉2. 衡阳市总工会 3 人');
    const prisma = b.app.database.prisma;
    const withdrawn = await prisma.recommendation.findFirstOrThrow({ where: { personName: '吴十' } });
    await prisma.recommendation.update({ where: { id: withdrawn.id }, data: { deletedAt: new Date('2020-06-10T11:00:00+08:00') } });
    expect(await weekPlace(b, '孙', '衡钢群', '衡阳市总工会')).toBe('👉2. 衡阳市总工会 2 人');
    const saved = await b.say('孙', '衡钢群', '上报 荐读 5');
    expect(saved).toContain('这个数计入「衡阳市总工会」，本单位这一周的荐书不再另计');
    expect(await weekPlace(b, '孙', '衡钢群', '衡阳市总工会')).toBe('👉2. 衡阳市总工会 5 人');
  });

  it('帮助 上报, 排行 and the reply to 上报 say what figure to report and how it is counted', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    const help = await b.say('王芳', '长沙群', '帮助 上报');
    expect(help).toContain('含荐书职工和基层单位，每人只计一次');
    expect(help).toContain('上报 荐读 35 上周');
    const rank = await b.say('王芳', '长沙群', '排行');
    expect(rank.split('\n').at(-1)).toBe('计数：单位某周上报了就按上报数（已含其荐书和基层单位），没上报按荐书职工人数加基层单位的数；每人只计一次。');
  });
});
