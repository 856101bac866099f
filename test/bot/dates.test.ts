import { afterEach, describe, expect, it } from 'vitest';
import { parseMonth, parseWhen } from '../../src/bot/dates.js';
import { formatDateTime, weekKey, ymd } from '../../src/time.js';

const now = new Date('2020-06-10T10:00:00+08:00'); // a Wednesday in Shanghai
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

const CASES: Array<[string, string, boolean]> = [
  ['6月20日下午2点', '2020年6月20日 14:00', true],
  ['6月20号下午两点半', '2020年6月20日 14:30', true],
  ['下周六 14:00', '2020年6月20日 14:00', true],
  ['下周六下午2点', '2020年6月20日 14:00', true],
  ['2020/6/20', '2020年6月20日 00:00', false],
  ['2020-06-20 14:30', '2020年6月20日 14:30', true],
  ['2020年6月20日14时', '2020年6月20日 14:00', true],
  ['6/20 14:00', '2020年6月20日 14:00', true],
  ['明天晚上7点', '2020年6月11日 19:00', true],
  ['后天上午9点', '2020年6月12日 09:00', true],
  ['6月20日', '2020年6月20日 00:00', false],
  ['周六上午九点', '2020年6月13日 09:00', true],
];

describe.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'])('dates with TZ=%s', (tz) => {
  it.each(CASES)('%s → %s', (input, expected, hasTime) => {
    process.env.TZ = tz;
    const r = parseWhen(input, now);
    expect(r && formatDateTime(r.at)).toBe(expected);
    expect(r?.hasTime).toBe(hasTime);
  });

  it('weeks run Monday 00:00 to Sunday 24:00 in Shanghai', () => {
    process.env.TZ = tz;
    expect(weekKey(new Date('2020-06-14T23:59:59+08:00'))).toBe('2020-06-08');
    expect(weekKey(new Date('2020-06-15T00:00:00+08:00'))).toBe('2020-06-15');
    expect(weekKey(new Date('2020-06-14T16:00:00Z'))).toBe('2020-06-15');
    expect(ymd(new Date('2020-12-31T16:30:00Z'))).toBe('2021-01-01');
  });
});

describe('not dates', () => {
  it.each(['', 'abc', '35', '很快', '随便什么时候'])('%s', (input) => expect(parseWhen(input, now)).toBeUndefined());
});

describe('months', () => {
  it.each([
    ['2020-07', '2020-07'], ['2020年7月', '2020-07'], ['7月', '2020-07'], ['七月', '2020-07'], ['7月份', '2020-07'],
    ['下个月', '2020-07'], ['本月', '2020-06'], ['3月', '2021-03'], ['十二月', '2020-12'], ['2020/8', '2020-08'],
  ])('%s → %s', (input, out) => expect(parseMonth(input, now)).toBe(out));
  it.each(['13月', '2020-13', '明年', 'abc'])('%s is not a month', (input) => expect(parseMonth(input, now)).toBeUndefined());
});
