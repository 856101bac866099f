import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { queuedTo, tick } from '../jobs/helpers.js';

/**
 * Who reports, is ranked and may host: one rule. The province (湖南省总工会) runs the campaign
 * and does none of these; 市州, 产业工会, 省直 and their 基层单位 do.
 */
describe.each(KINDS)('the province is no reporting unit on %s', (kind) => {
  const bot = useBot(kind);

  it('its group gets no report reminder and no host invitation; 我的 lists no report for it', async () => {
    const b = bot();
    await b.say('省总王处', '省总群', '绑定 省总');
    await b.say('刘', '长沙群', '绑定 长沙');
    await b.say('赵', '银行群', '绑定 长沙/长沙银行工会');

    expect(await b.say('省总王处', '省总群', '我的')).toContain('待办：暂无');
    expect(await b.say('刘', '长沙群', '我的')).toContain('本周还没上报好书荐读人数');

    await tick(b, '2020-06-12T16:00:00+08:00');
    expect(Object.keys(await queuedTo(b, 'report-reminder:2020-06-08:')).sort()).toEqual(['长沙群', '银行群'].sort());
    await tick(b, '2020-06-20T10:00:00+08:00');
    expect(Object.keys(await queuedTo(b, 'host-window:2020-07:')).sort()).toEqual(['长沙群', '银行群'].sort());
  });

  it('申报承办 from the province is refused with what to do instead; nothing is requested', async () => {
    const b = bot();
    await b.say('省总王处', '省总群', '绑定 省总');
    const reply = await b.say('省总王处', '省总群', '申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日下午2点 地点=省工人文化宫 人数=200');
    expect(reply).toContain('「湖南省总工会」是活动主办方，不用申报承办');
    expect(reply).toContain('例如：申报承办 月份=2020-07');
    expect(await b.app.database.prisma.hostRequest.count()).toBe(0);
    // A 基层单位 may host (the notice: 市州总工会、省直机关工会、省产业工会或基层工会承办).
    await b.say('赵', '银行群', '绑定 长沙/长沙银行工会');
    expect(await b.say('赵', '银行群', '申报承办 月份=2020-08 主题=书香银行 日期=8月8日下午2点 地点=银行礼堂 人数=80')).toContain('已提交，等待省总工会审批');
  });

  it('上报 for the province is refused with what to send instead; the ranking has no place for it', async () => {
    const b = bot();
    await b.say('省总王处', '省总群', '绑定 省总');
    const reply = await b.say('省总王处', '省总群', '上报 荐读 35');
    expect(reply).toContain('「湖南省总工会」是活动主办方，不参加排行，不用上报');
    expect(reply).toContain('例如：上报 荐读 35');
    expect(await b.app.database.prisma.countReport.count({ where: { unit: { kind: 'PROVINCE' } } })).toBe(0);
    expect(await b.say('省总王处', '省总群', '排行')).not.toContain('湖南省总工会');
  });
});
