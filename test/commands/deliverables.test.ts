import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/domain/deliverables.js';
import { createBackground } from '../../src/jobs/index.js';
import { KINDS } from '../helpers/db.js';
import { useWeComServer } from '../helpers/wecom.js';

describe('video durations as people write them', () => {
  it.each([
    ['2分40秒', 160],
    ['160秒', 160],
    ['2:40', 160],
    ['3分钟', 180],
    ['2分半', 150],
    ['2.5分钟', 150],
    ['三分钟', undefined],
    ['abc', undefined],
  ])('%s → %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));
});

describe.each(KINDS)('承办 deliverables on %s', (kind) => {
  const s = useWeComServer(kind, { SUPERADMINS: 'wecom:boss' });

  it('the host hands in its materials item by item, checked against the notice; admins and the daily reminder see what is missing', async () => {
    const srv = s();
    const chatid = `wrk-${randomUUID()}`;
    const key = randomUUID();
    const say = async (userid: string, text: string) => (await srv.bot.postBot(srv.base, srv.bot.botText(text, { chatid, userid }))).reply.stream.content as string;
    await say('xt', '绑定 湘潭');
    await say('xt', `设置推送 ${key}`);
    expect(await say('xt', '提交材料 照片 5')).toContain('还没有已举办的承办活动');
    await say('xt', '申报承办 月份=2020-07 主题=工匠书香 日期=7月4日下午2点 地点=湘潭市图书馆 人数=100');
    const { id } = await srv.app.database.prisma.hostRequest.findFirstOrThrow({ where: { theme: '工匠书香' } });
    await say('boss', `批准 ${id}`);
    // A running server sends the approval notice now (a push kept past its expiry is never sent).
    const { scheduler, worker } = createBackground(srv.app);
    await worker.drain();
    expect(await say('boss', '材料情况')).toContain(`#${id} 湘潭市总工会 2020年7月4日 14:00「工匠书香」：活动还没举办`);

    srv.clock.set('2020-07-05T09:00:00+08:00');
    expect(await say('xt', '提交材料 照片 八')).toContain('照片需要 3—5 张高清大图，您写的是 8 张');
    const photos = await say('xt', '提交材料 照片 5');
    expect(photos).toContain(`已收到 #${id}「工匠书香」（2020年7月4日 14:00）的照片 5 张`);
    expect(photos).toContain('✅ 照片 5 张');
    expect(photos).toContain('还差：视频、稿件、标识');
    expect(await say('xt', '提交材料 视频 https://v.example.com/1 4分钟')).toContain('视频要控制在 3 分钟内，这个有 4分钟');
    expect(await say('xt', '提交材料 视频 2分40秒')).toContain('请附上作品的链接');
    expect(await say('xt', '提交材料 视频 https://v.example.com/1 2分40秒')).toContain('✅ 视频 2分40秒');
    expect(await say('xt', '提交材料 稿件 https://mp.example.com/a 300字')).toContain('800 字左右（640—960 字），这篇是 300 字');
    expect(await say('boss', '材料情况')).toContain(`#${id} 湘潭市总工会 2020年7月4日 14:00「工匠书香」：还差 稿件、标识`);
    // The host's 我的 lists what it still owes, with how to hand it in.
    expect(await say('xt', '我的')).toContain(`承办活动 #${id}「工匠书香」还差材料：稿件、标识，例如：提交材料 稿件 https://… 820字`);

    // The daily job at 10:00 reminds the host's group of what is still owed.
    srv.clock.set('2020-07-05T10:00:00+08:00');
    await scheduler.tick();
    await worker.drain();
    srv.clock.set('2020-07-05T10:00:04+08:00');
    await worker.drain();
    const approved = srv.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key && c.body.markdown.content.startsWith('🎉'));
    expect(approved[0].body.markdown.content).toContain(`承办申报 #${id}（湘潭市总工会 2020-07「工匠书香」）已获省总工会批准`);
    const reminders = () => srv.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key && c.body.markdown.content.startsWith('📦'));
    expect(reminders()).toHaveLength(1);
    const text = reminders()[0].body.markdown.content as string;
    expect(text).toContain('⬜ 宣传稿件 1 篇（800 字左右，附链接）');
    expect(text).toContain('⬜ 现场使用「湘悦读·工力量」活动标识');
    expect(text).not.toContain('照片');

    srv.clock.set('2020-07-05T11:00:00+08:00');
    await say('xt', '提交材料 稿件 https://mp.example.com/a 820字');
    expect(await say('xt', '提交材料 标识 未使用')).toContain('活动现场须统一使用');
    expect(await say('xt', '提交材料 标识 用了')).toContain('材料已齐全，感谢承办！');
    expect(await say('boss', '材料情况')).toContain('✅ 已齐全');
    const row = await srv.app.database.prisma.hostDeliverable.findUniqueOrThrow({ where: { hostRequestId: id } });
    expect(row).toMatchObject({ photos: 5, videoSeconds: 160, articleChars: 820, logoUsed: true });
    expect(row.completedAt).not.toBeNull();

    // Complete: no reminder the next day.
    srv.clock.set('2020-07-06T10:00:00+08:00');
    await scheduler.tick();
    await worker.drain();
    expect(reminders()).toHaveLength(1);
  });
});
