import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/bot/command.js';
import { CommandIndex } from '../../src/bot/command-lookup.js';
import { fillFields, readCommand } from '../../src/bot/field-mapping.js';
import { readChoiceNumber, readCount } from '../../src/bot/numbers.js';
import { commandLine } from '../../src/bot/text.js';
import { commands } from '../../commands/index.js';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

/**
 * What a colleague's tryout in the chat console found (spoken ranges stored as one number,
 * answers stored in the wrong field, a finished dialogue thrown away at its last step, two
 * recommenders in one record, everyday phrasings not understood), each as the person meant it.
 */

describe('spoken ranges and second figures are asked about, never stored', () => {
  it.each([
    ['一百二三', [120, 130]],
    ['三十五六', [35, 36]],
    ['十五六', [15, 16]],
    ['四十五六', [45, 46]],
    ['五六', [5, 6]],
    ['三五', [3, 5]],
    ['四五十', [40, 50]],
    ['三十五六人', [35, 36]],
  ])('「%s」 is a range', (typed, values) => {
    expect(readCount(typed)).toEqual({ kind: 'several', values, range: true });
  });

  it.each([
    ['35 人，另有5人线上', [35, 5]],
    ['35 36', [35, 36]],
  ])('「%s」 is two figures', (typed, values) => {
    expect(readCount(typed)).toEqual({ kind: 'several', values });
  });

  it.each([
    ['一百零五', 105],
    ['一百五', 150],
    ['一千二', 1200],
    ['三十五', 35],
    ['两百五十', 250],
    ['1百5', 150],
    ['35人次', 35],
    ['35人，其中劳模3人', 35],
    ['1，234', 1234],
    ['35名职工', 35],
    ['十五', 15],
    ['一千零五人', 1005],
  ])('「%s」 is still exactly %i', (typed, n) => {
    expect(readCount(typed)).toEqual({ kind: 'exact', n });
  });

  it('a name with neighbouring digits (五一广场) is no figure at all', () => {
    expect(readCount('五一广场').kind).toBe('none');
  });

  it('an answer to a numbered choice as people say it', () => {
    for (const [typed, n] of [['2', 2], ['第二个', 2], ['第一个', 1], ['第2个', 2], ['选三', 3], ['第十个。', 10]] as const) expect(readChoiceNumber(typed), typed).toBe(n);
    for (const typed of ['长沙', '两个人', '第二个人', '']) expect(readChoiceNumber(typed), typed).toBeUndefined();
  });
});

describe('messages read as the person meant them (language layer)', () => {
  const NOW = new Date('2020-06-10T10:00:00+08:00');
  const campaign = { startsAt: new Date('2020-05-01T00:00:00+08:00'), endsAt: new Date('2021-01-01T00:00:00+08:00') };
  const ctx = { now: NOW, campaign, member: { displayName: '王芳' } } as unknown as Context;
  const index = new CommandIndex(commands);
  const read = (text: string) => {
    const found = index.find(commandLine(text));
    if (!found) return { command: undefined };
    const { def, raw } = readCommand(found);
    return { command: def.names[0], raw, filled: fillFields(def, raw, ctx) };
  };

  it.each([
    ['上报 荐读 三十五六', '35'],
    ['上报 荐读 十五六', '16'],
    ['上报 荐读 三五', '5'],
    ['上报 荐读 35 人，另有5人线上', '合计'],
    ['上报 荐读 35 荐读 36', '36'],
    ['登记社群 名称=书香长沙 成立=2020-05-01 人数=一百二三 特色=每周共读', '130'],
    ['活动完成 1 人数 四十五六', '46'],
  ])('「%s」 asks for the count', (text, problem) => {
    const r = read(text);
    const key = r.command === '登记社群' ? 'memberCount' : r.command === '活动完成' ? 'participants' : 'count';
    expect(r.filled && 'missing' in r.filled && r.filled.missing).toBe(key);
    expect(r.filled && 'missing' in r.filled && r.filled.problem).toContain(problem);
  });

  it('「荐读 上报 37」 reports 37 (the command word typed again is no metric)', () => {
    expect(read('荐读 上报 37').filled).toEqual({ values: { metric: 'recommend', count: 37 } });
  });

  it('「上报 荐读 35名职工」 reports 35', () => {
    expect(read('上报 荐读 35名职工').filled).toEqual({ values: { metric: 'recommend', count: 35 } });
  });

  it('「登记社群 本单位读书群 …」: 本单位 glued to a name stays part of it', () => {
    expect(read('登记社群 本单位读书群 2020-05-01 35 每周共读').raw?.name).toBe('本单位读书群');
  });

  it('「@读书助手 麻烦绑定一下我们单位，长沙市总工会，谢谢」 binds 长沙市总工会', () => {
    const r = read('@读书助手 麻烦绑定一下我们单位，长沙市总工会，谢谢');
    expect(r.command).toBe('绑定');
    expect(r.raw?.unit).toBe('长沙市总工会');
  });
});

describe.each(KINDS)('the tryout dialogues on %s', (kind) => {
  const bot = useBot(kind);

  it('a time, a count or a question answered to 「在哪里」 is never stored as the place', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    expect(await b.say('王芳', '长沙群', '登记活动 沙龙 读书分享会')).toContain('活动在哪里举办');
    const time = await b.say('王芳', '长沙群', '下午');
    expect(time).toContain('这看起来是时间，不是活动地点');
    expect(time).toContain('活动在哪里举办');
    expect(await b.say('王芳', '长沙群', '市图书馆三楼')).toContain('活动什么时候开始');
    const done = await b.say('王芳', '长沙群', '6月20日下午2点');
    expect(done).toContain('地点：市图书馆三楼');

    await b.say('王芳', '长沙群', '登记活动 沙龙 读书分享会');
    expect(await b.say('王芳', '长沙群', '35人')).toContain('这看起来是人数，不是活动地点');
    await b.say('王芳', '长沙群', '登记活动 沙龙 读书分享会');
    expect(await b.say('王芳', '长沙群', '地点是啥意思？')).toContain('活动在哪里举办？例如：市图书馆三楼报告厅');
    expect(await b.app.database.prisma.activity.count()).toBe(1);
  });

  it('a question back is explained, and a founding date in the future is refused at its question, the other answers kept', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    await b.say('王芳', '长沙群', '登记社群');
    expect(await b.say('王芳', '长沙群', '名称是啥意思')).toContain('请告诉我社群名称，例如：书香长沙');
    expect(await b.say('王芳', '长沙群', '书香湘潭')).toContain('社群是哪天成立的');
    const future = await b.say('王芳', '长沙群', '明年1月1日');
    expect(future).toContain('2021年1月1日 还没到');
    expect(future).toContain('社群是哪天成立的');
    expect(await b.say('王芳', '长沙群', '2020-06-01')).toContain('多少人参与');
    expect(await b.say('王芳', '长沙群', '80')).toContain('特色');
    const saved = await b.say('王芳', '长沙群', '每周共读');
    expect(saved).toContain('已登记社群');
    expect(saved).toContain('「书香湘潭」');
    expect(await b.app.database.prisma.readingGroup.findFirst()).toMatchObject({ name: '书香湘潭', memberCount: 80 });
  });

  it('two recommenders in one 荐书 are two workers, one record each', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    const reply = await b.say('王芳', '长沙群', '荐书《围城》微博 荐书人：张三、李四');
    expect(reply).toContain('张三 在微博推荐《围城》');
    expect(reply).toContain('李四 在微博推荐《围城》');
    const people = await b.app.database.prisma.recommendation.findMany({ orderBy: { id: 'asc' } });
    expect(people.map((r) => r.personName)).toEqual(['张三', '李四']);
  });

  it('修改社群 by name keeps the change; a number that cannot exist is said so; a wrong phone shows a phone', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    const saved = await b.say('王芳', '长沙群', '登记社群 名称=书香岳麓 成立=2020-05-01 人数=120 特色=每周共读');
    const id = /#(\d+)/.exec(saved)![1];
    expect(await b.say('王芳', '长沙群', '修改社群 书香岳麓 人数 150')).toContain('参与人数：120 → 150');
    const unknown = await b.say('王芳', '长沙群', '修改社群 书香不存在 人数 160');
    expect(unknown).toContain('没有找到叫「书香不存在」的社群');
    const answered = await b.say('王芳', '长沙群', id);
    expect(answered).toContain('书香岳麓');
    expect(answered).toContain('参与人数：150 → 160');
    expect(await b.say('王芳', '长沙群', '修改社群 99999999999999999999 人数 5')).toContain('没有编号为 99999999999999999999 的社群');
    expect(await b.say('王芳', '长沙群', `修改社群 ${id} 电话 123`)).toContain('例如：修改社群 3 电话=');
  });

  it('everyday phrasings: 荐读 上报 37, 我们单位, 湘西州, 第二个, an activity that took place', async () => {
    const b = bot();
    expect(await b.say('孙七', '衡阳群', '@读书助手 麻烦绑定一下我们单位，衡阳市总工会，谢谢')).toContain('绑定成功');
    expect(await b.say('孙七', '衡阳群', '荐读 上报 37')).toContain('好书荐读参与人数：37');
    expect(await b.say('孙七', '衡阳群', '上报 荐读 37')).toContain('已经是 37，没有变化');
    expect(await b.say('孙七', '衡阳群', '13号的沙龙办完了，实际参加52人')).toContain('活动完成 5 人数 52');
    expect(await b.say('李华', '湘西群', '绑定 湘西州')).toContain('湘西土家族苗族自治州总工会');
    expect(await b.say('赵六', '某群', '绑定 市')).toContain('请回复序号');
    expect(await b.say('赵六', '某群', '第二个')).toContain('株洲市总工会');
  });

  it('设置承办名额: the message names the range the rule allows', async () => {
    const b = bot();
    const reply = await b.say('省总王处', '省总群', '设置承办名额 2020-07 -1');
    expect(reply).toContain('请发 1 到 20 之间的整数，例如 3');
    expect(await b.say('省总王处', '省总群', '0')).toContain('请发 1 到 20 之间的整数');
  });
});
