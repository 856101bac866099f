import { afterEach, describe, expect, it } from 'vitest';
import { findMonth, parseMonth, parseWhen, type Direction, type WhenOptions } from '../../src/bot/dates.js';
import { formatDateTime, weekKey, ymd } from '../../src/time.js';

const now = new Date('2020-06-10T10:00:00+08:00'); // a Wednesday in Shanghai
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

/** Typed on `now` (Wednesday 2020-06-10 10:00), default options: [typed, read as, has a time]. */
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
  // Times glued to the day.
  ['下周六14:00', '2020年6月20日 14:00', true],
  ['周六14点', '2020年6月13日 14:00', true],
  ['明天下午3点半', '2020年6月11日 15:30', true],
  ['6月20日14:30', '2020年6月20日 14:30', true],
  ['6月20日下午2点半', '2020年6月20日 14:30', true],
  ['6.20 14:00', '2020年6月20日 14:00', true],
  ['20号下午3点', '2020年6月20日 15:00', true],
  ['6月20日(周六)下午2点', '2020年6月20日 14:00', true],
  ['2020年6月20日星期六下午2点', '2020年6月20日 14:00', true],
  ['三天后下午3点', '2020年6月13日 15:00', true],
  // A time alone: today, or tomorrow once today's has passed.
  ['晚上7点半', '2020年6月10日 19:30', true],
  ['中午12点', '2020年6月10日 12:00', true],
  ['中午1点', '2020年6月10日 13:00', true],
  ['上午十点', '2020年6月10日 10:00', true],
  ['下午两点', '2020年6月10日 14:00', true],
  ['十点半', '2020年6月10日 10:30', true],
  ['十点零五分', '2020年6月10日 10:05', true],
  ['凌晨三点零五', '2020年6月11日 03:05', true],
  ['早上五点二十分', '2020年6月11日 05:20', true],
  ['下午3点一刻', '2020年6月10日 15:15', true],
  ['凌晨3点', '2020年6月11日 03:00', true],
  ['14时30分', '2020年6月10日 14:30', true],
  ['下午2点钟', '2020年6月10日 14:00', true],
  ['下午14:00', '2020年6月10日 14:00', true],
  ['今晚8点', '2020年6月10日 20:00', true],
  // 晚上12点 is the midnight that ends the day; 凌晨 stays in the morning.
  ['晚上12点', '2020年6月11日 00:00', true],
  ['6月20日晚上12点', '2020年6月21日 00:00', true],
  ['6月20日凌晨2点', '2020年6月20日 02:00', true],
  // Days without a month or a year.
  ['6月20号', '2020年6月20日 00:00', false],
  ['六月二十日', '2020年6月20日 00:00', false],
  ['9号', '2020年7月9日 00:00', false],
  ['10号', '2020年6月10日 00:00', false],
  ['31号', '2020年7月31日 00:00', false],
  ['6/9', '2021年6月9日 00:00', false],
  ['2月29日', '2024年2月29日 00:00', false],
  ['下个月5号', '2020年7月5日 00:00', false],
  ['明年3月5日', '2021年3月5日 00:00', false],
  ['2020.6.20', '2020年6月20日 00:00', false],
  // Weeks run Monday to Sunday: 这周日 is the coming Sunday, 下周日 the one after.
  ['这周日', '2020年6月14日 00:00', false],
  ['下周日', '2020年6月21日 00:00', false],
  ['上周日', '2020年6月7日 00:00', false],
  ['周一十点', '2020年6月15日 10:00', true],
  ['星期三', '2020年6月10日 00:00', false],
  // Punctuation, full-width characters, spaces, traditional characters.
  ['6月20日下午2点。', '2020年6月20日 14:00', true],
  ['6月20日下午2点！', '2020年6月20日 14:00', true],
  ['１４：００', '2020年6月10日 14:00', true],
  ['６月２０日　下午２点', '2020年6月20日 14:00', true],
  ['6月20日 下午 2 点', '2020年6月20日 14:00', true],
  ['6月20號下午2點', '2020年6月20日 14:00', true],
];

const at = (iso: string) => new Date(`${iso}+08:00`);
const win = (from: string, to: string) => ({ from: at(`${from}T00:00:00`), to: at(`${to}T23:59:59`) });

const JAN_5 = '2021-01-05';
const JUL_25 = '2020-07-25';
const JUN_10 = '2020-06-10'; // now

/** [typed, today (at 10:00 in Shanghai), options, read as]: which occurrence of a day typed without a year. */
const CHOICES: Array<[string, string, Direction | WhenOptions | undefined, string]> = [
  // The brief's example: yesterday's date, in the campaign.
  ['6月9日下午3点', JUN_10, undefined, '2021年6月9日 15:00'],
  ['6月9日下午3点', JUN_10, { prefer: 'nearest', window: win('2020-05-01', '2020-12-31') }, '2020年6月9日 15:00'],
  ['6月9日下午3点', JUN_10, { prefer: 'nearest' }, '2020年6月9日 15:00'],
  ['6月9日下午3点', JUN_10, 'past', '2020年6月9日 15:00'],
  ['6月9日下午3点', JUN_10, { prefer: 'past' }, '2020年6月9日 15:00'],
  // Today counts either way.
  ['6月10日', JUN_10, 'future', '2020年6月10日 00:00'],
  ['6月10日', JUN_10, 'past', '2020年6月10日 00:00'],
  ['6月20日', JUN_10, 'past', '2019年6月20日 00:00'],
  ['6月20日', JUN_10, { prefer: 'nearest' }, '2020年6月20日 00:00'],
  ['1月5日', JUN_10, { prefer: 'nearest' }, '2020年1月5日 00:00'],
  ['12月5日', JUN_10, { prefer: 'nearest' }, '2020年12月5日 00:00'],
  // A December date typed in January.
  ['12月20日', JAN_5, undefined, '2021年12月20日 00:00'],
  ['12月20日', JAN_5, { window: win('2020-10-01', '2021-03-31') }, '2020年12月20日 00:00'],
  ['12月20日下午2点', JAN_5, { prefer: 'nearest' }, '2020年12月20日 14:00'],
  ['12月20日', JAN_5, 'past', '2020年12月20日 00:00'],
  // A host's date, in the month they host: the window wins over prefer.
  ['9号', JUN_10, { window: win('2020-07-01', '2020-07-31') }, '2020年7月9日 00:00'],
  ['5号下午3点', JUL_25, undefined, '2020年8月5日 15:00'],
  ['5号下午3点', JUL_25, { window: win('2020-07-01', '2020-07-31') }, '2020年7月5日 15:00'],
  ['25号', JUL_25, { prefer: 'past', window: win('2020-08-01', '2020-08-31') }, '2020年8月25日 00:00'],
  ['7月28日', JUL_25, { prefer: 'past', window: win('2020-07-01', '2020-07-31') }, '2020年7月28日 00:00'],
  // Nothing in the window: prefer decides.
  ['6月9日', JUN_10, { window: win('2020-07-01', '2020-07-31') }, '2021年6月9日 00:00'],
  ['6月9日', JUN_10, { prefer: 'past', window: win('2020-07-01', '2020-07-31') }, '2020年6月9日 00:00'],
  // Several in the window: the nearest on the prefer side.
  ['6月9日', JUN_10, { window: win('2019-01-01', '2021-12-31') }, '2021年6月9日 00:00'],
  ['6月9日', JUN_10, { prefer: 'past', window: win('2019-01-01', '2021-12-31') }, '2020年6月9日 00:00'],
  ['6月9日', JUN_10, { prefer: 'nearest', window: win('2019-01-01', '2021-12-31') }, '2020年6月9日 00:00'],
  ['6月20日', JUN_10, { prefer: 'past', window: win('2020-06-01', '2021-12-31') }, '2020年6月20日 00:00'],
  // Days of the month and weekdays move the same way.
  ['9号', JUN_10, 'past', '2020年6月9日 00:00'],
  ['31号', JUN_10, 'past', '2020年5月31日 00:00'],
  ['9号', JUN_10, { prefer: 'nearest' }, '2020年6月9日 00:00'],
  ['周二', JUN_10, undefined, '2020年6月16日 00:00'],
  ['周二', JUN_10, 'past', '2020年6月9日 00:00'],
  ['周三', JUN_10, 'past', '2020年6月10日 00:00'],
  ['凌晨3点', JUN_10, 'past', '2020年6月10日 03:00'],
  ['2月29日', JAN_5, 'past', '2020年2月29日 00:00'],
  // A year, or a day counted from today, is never moved.
  ['2019年6月9日', JUN_10, { prefer: 'future', window: win('2020-05-01', '2020-12-31') }, '2019年6月9日 00:00'],
  ['2021/6/9', JUN_10, 'past', '2021年6月9日 00:00'],
  ['明天', JUN_10, { prefer: 'past', window: win('2020-01-01', '2020-01-31') }, '2020年6月11日 00:00'],
  ['下周六', JUN_10, { prefer: 'past' }, '2020年6月20日 00:00'],
  ['上周六', JUN_10, 'future', '2020年6月6日 00:00'],
];

const YEAR_GIVEN: Array<[string, boolean]> = [
  ['2020/6/20', true], ['2020年6月20日下午2点', true], ['明年3月5日', true], ['明天', true], ['下周六14:00', true],
  ['6月20日', false], ['6/9', false], ['9号', false], ['周六', false], ['下午3点', false],
];

const NOT_DATES = [
  // 1 to 6 o'clock without 上午/下午: which one is not said (02:00 or 14:00?), so it is asked.
  '两点',
  '6.20 两点',
  '3点半',
  '五点二十分',
  '', 'abc', '35', '荐读', '很快', '随便什么时候', '下午', '6月', '2月30日', '2021年2月29日', '13月5日', '32号',
  '3点70', '3点5', '3点两', '25点', '753月六两1', '6月20日在市图书馆举办读书分享会', '。',
];

const MONTHS: Array<[string, string]> = [
  ['2020-07', '2020-07'], ['2020年7月', '2020-07'], ['7月', '2020-07'], ['七月', '2020-07'], ['7月份', '2020-07'],
  ['七月份', '2020-07'], ['2020年7月份', '2020-07'], ['07月', '2020-07'], ['7 月', '2020-07'], ['7月份。', '2020-07'],
  ['七月！', '2020-07'], ['７月', '2020-07'], ['下个月', '2020-07'], ['下月', '2020-07'], ['本月', '2020-06'],
  ['这个月', '2020-06'], ['上个月', '2020-05'], ['3月', '2021-03'], ['十二月', '2020-12'], ['十一月份', '2020-11'],
  ['2020/8', '2020-08'], ['2020年七月', '2020-07'], ['明年3月', '2021-03'], ['去年12月', '2019-12'],
];
const NOT_MONTHS = ['13月', '2020-13', '明年', 'abc', '35', '荐读', '7月份的读书月活动', '7月15日', '2020-07-15', '读书月'];

const FOUND_MONTHS: Array<[string, string, string]> = [
  ['7月份的读书月活动', '2020-07', '7月份'],
  ['报名2020年8月份的活动', '2020-08', '2020年8月份'],
  ['我们7月15日和8月份都有活动', '2020-08', '8月份'],
  ['下个月的读书会', '2020-07', '下个月'],
  ['本次活动在十二月举行。', '2020-12', '十二月'],
  ['ＯＫ，７月份见', '2020-07', '７月份'],
];
const NO_MONTH_FOUND = ['读书月活动', '荐读', '共35人', '2020-07-15举办', '6个月后', '7月15日'];

describe.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'])('dates with TZ=%s', (tz) => {
  it.each(CASES)('%s → %s', (input, expected, hasTime) => {
    process.env.TZ = tz;
    const r = parseWhen(input, now);
    expect(r && formatDateTime(r.at)).toBe(expected);
    expect(r?.hasTime).toBe(hasTime);
  });

  it.each(CHOICES)('%s on %s with %o → %s', (input, today, options, expected) => {
    process.env.TZ = tz;
    const r = parseWhen(input, at(`${today}T10:00:00`), options);
    expect(r && formatDateTime(r.at)).toBe(expected);
  });

  it.each(YEAR_GIVEN)('%s: year given %s', (input, given) => {
    process.env.TZ = tz;
    expect(parseWhen(input, now)?.yearGiven).toBe(given);
  });

  it.each(NOT_DATES)('%s is not a date', (input) => {
    process.env.TZ = tz;
    expect(parseWhen(input, now)).toBeUndefined();
    expect(parseWhen(input, now, { prefer: 'nearest', window: win('2020-01-01', '2020-12-31') })).toBeUndefined();
  });

  it.each(MONTHS)('month %s → %s', (input, out) => {
    process.env.TZ = tz;
    expect(parseMonth(input, now)).toBe(out);
  });

  it.each(NOT_MONTHS)('%s is not a month on its own', (input) => {
    process.env.TZ = tz;
    expect(parseMonth(input, now)).toBeUndefined();
  });

  it.each(FOUND_MONTHS)('finds the month in %s', (input, month, text) => {
    process.env.TZ = tz;
    expect(findMonth(input, now)).toEqual({ month, text });
    expect(input).toContain(text);
  });

  it.each(NO_MONTH_FOUND)('finds no month in %s', (input) => {
    process.env.TZ = tz;
    expect(findMonth(input, now)).toBeUndefined();
  });

  it('a month without a year is this year’s until it is over, at any hour in Shanghai', () => {
    process.env.TZ = tz;
    // 2020-12-31 23:30 in Shanghai is still December there, whatever the server's day.
    const lateDecember = new Date('2020-12-31T23:30:00+08:00');
    expect(parseMonth('12月', lateDecember)).toBe('2020-12');
    expect(parseMonth('下个月', lateDecember)).toBe('2021-01');
    expect(parseMonth('1月', new Date('2021-01-01T00:30:00+08:00'))).toBe('2021-01');
    // Just after midnight in Shanghai, 明天 is the next Shanghai day.
    const r = parseWhen('明天下午3点', new Date('2020-06-10T00:30:00+08:00'));
    expect(r && formatDateTime(r.at)).toBe('2020年6月11日 15:00');
  });

  it('weeks run Monday 00:00 to Sunday 24:00 in Shanghai', () => {
    process.env.TZ = tz;
    expect(weekKey(new Date('2020-06-14T23:59:59+08:00'))).toBe('2020-06-08');
    expect(weekKey(new Date('2020-06-15T00:00:00+08:00'))).toBe('2020-06-15');
    expect(weekKey(new Date('2020-06-14T16:00:00Z'))).toBe('2020-06-15');
    expect(ymd(new Date('2020-12-31T16:30:00Z'))).toBe('2021-01-01');
  });
});
