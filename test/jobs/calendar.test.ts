import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { queuedTo, tick } from './helpers.js';

/**
 * The campaign's calendar (CAMPAIGN_START 2020-05-01, CAMPAIGN_END 2020-12-31): its last day is
 * inside whole, and the jobs invite and remind only for dates and months inside it.
 */
describe.each(KINDS)('the campaign calendar on %s', (kind) => {
  const bot = useBot(kind, '2020-12-20T09:00:00+08:00');

  it('CAMPAIGN_END’s day is inside the campaign to its last minute; the next day is not', async () => {
    const b = bot();
    // Stored as the last moment of the last day (Asia/Shanghai), so it reads 23:59 wherever shown.
    expect(b.app.campaign.endsAt.toISOString()).toBe('2020-12-31T15:59:59.999Z');
    await b.say('刘', '常德群', '绑定 常德');
    expect(await b.say('刘', '常德群', '登记活动 类型=沙龙 主题=岁末共读 地点=市图书馆 时间=12月31日下午2点')).toContain('已登记阅读沙龙');
    b.clock.set('2020-12-31T23:50:00+08:00');
    expect(await b.say('刘', '常德群', '上报 荐读 12')).toContain('已上报「常德市总工会」本周（12月28日—1月3日）好书荐读参与人数：12');
    expect(await b.say('刘', '常德群', '荐书 《活着》 微博')).toContain('已记录：刘 在微博推荐《活着》');
    b.clock.set('2021-01-01T00:00:00+08:00');
    expect(await b.say('刘', '常德群', '上报 荐读 13')).toContain('现在不在活动期内');
    expect(await b.say('刘', '常德群', '登记活动 类型=沙龙 主题=新年共读 地点=市图书馆 时间=2021-01-02 14:00')).toContain('不在活动期内');
    const prisma = b.app.database.prisma;
    expect((await prisma.countReport.findMany({ where: { unit: { name: '常德市总工会' } } })).map((r) => [r.week, r.count])).toEqual([['2020-12-28', 12]]);
    b.clock.set('2020-12-20T09:00:00+08:00');
  });

  it('the host window invites for the next month only when that month is in the campaign', async () => {
    const b = bot();
    await b.say('刘', '常德群', '绑定 常德');
    expect(await tick(b, '2020-11-20T10:00:00+08:00')).toContain('host-window 2020-11-20 10:00');
    expect(Object.keys(await queuedTo(b, 'host-window:2020-12:'))).toEqual(['常德群']);
    await tick(b, '2020-12-20T10:00:00+08:00');
    expect(await queuedTo(b, 'host-window:2021-01:')).toEqual({});
    expect(await b.app.database.prisma.outbox.count({ where: { body: { contains: '2021年1月' } } })).toBe(0);
  });

  it('the last campaign week is ranked the Monday after the last day; nothing else runs after it', async () => {
    const b = bot();
    await b.say('刘', '常德群', '绑定 常德');
    const ran = await tick(b, '2021-01-04T09:00:00+08:00');
    expect(ran).toEqual(['weekly-ranking 2021-01-04 09:00']);
    const pushed = await queuedTo(b, 'ranking:2020-12-28:');
    expect(pushed['常德群']).toContain('📊 好书荐读周排行（12月28日—1月3日）');
    // Its 上报 (12) is its figure; the 荐书 of that week is not added to it.
    expect(pushed['常德群']).toContain('👉1. 常德市总工会 12 人');
    // The Friday reminder of 8 January and the host window of 20 January are outside the campaign.
    expect(await tick(b, '2021-01-08T16:00:00+08:00')).toEqual([]);
    expect(await tick(b, '2021-01-20T10:00:00+08:00')).toEqual([]);
  });
});

describe('CAMPAIGN_START and CAMPAIGN_END', () => {
  it('are days, both included: a one-day campaign is allowed, an end before the start is not', () => {
    expect(() => loadConfig({ CAMPAIGN_START: '2020-06-01', CAMPAIGN_END: '2020-06-01' })).not.toThrow();
    expect(() => loadConfig({ CAMPAIGN_START: '2020-06-02', CAMPAIGN_END: '2020-06-01' })).toThrow('CAMPAIGN_END must not be before CAMPAIGN_START');
  });
});
