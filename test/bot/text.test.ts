import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCount } from '../../src/bot/numbers.js';
import { normalise, parseArgs, stripAddress, tokenize } from '../../src/bot/text.js';

describe('normalise and address stripping', () => {
  it.each([
    ['＠阅读助手　上报　荐读　３５', '@阅读助手 上报 荐读 35'],
    ['登记社群　名称＝书香长沙，人数：１２０', '登记社群 名称=书香长沙，人数：120'],
    ['  帮助\n\n登记社群\t', '帮助 登记社群'],
    ['上报\u200b荐读', '上报荐读'],
    ['（测试）；ＡＢＣ', '（测试）；ABC'],
  ])('%s', (input, out) => expect(normalise(input)).toBe(out));

  it.each([
    ['@阅读助手 帮助', '帮助'],
    ['@RobotA @阅读助手 /绑定 长沙', '绑定 长沙'],
    ['/help', 'help'],
    ['帮助', '帮助'],
  ])('strips %s', (input, out) => expect(stripAddress(input)).toBe(out));

  it('never throws and never grows past the input (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const out = stripAddress(normalise(s));
      expect(out.length).toBeLessThanOrEqual(s.length);
    }));
  });
});

describe('arguments', () => {
  it('keeps 《书名》 and quoted runs together', () => {
    expect(tokenize('《平凡的 世界》 微博 「长 沙」 "a b"')).toEqual(['《平凡的 世界》', '微博', '长 沙', 'a b']);
  });

  it('reads 字段=值 and 字段:值 pairs whose values keep spaces and commas', () => {
    const a = parseArgs('名称=书香长沙 成立:2020-06-01 人数= 120 特色=每周共读一本书,月末线下分享 电话=13800000000');
    expect(Object.fromEntries(a.named)).toEqual({
      名称: '书香长沙',
      成立: '2020-06-01',
      人数: '120',
      特色: '每周共读一本书,月末线下分享',
      电话: '13800000000',
    });
    expect(a.positional).toEqual([]);
  });

  it('positional words before pairs; URLs and clock times are not pairs', () => {
    const a = parseArgs('《活着》 微博 https://weibo.com/a?b=1 荐书人=李四');
    expect(a.positional).toEqual(['《活着》', '微博', 'https://weibo.com/a?b=1']);
    expect(a.named.get('荐书人')).toBe('李四');
    const t = parseArgs('快闪 诵读 广场 下周六 14:00');
    expect(t.positional).toEqual(['快闪', '诵读', '广场', '下周六', '14:00']);
    expect(t.named.size).toBe(0);
  });
});

describe('counts in digits or Chinese', () => {
  it.each([
    ['35', 35], ['三十五', 35], ['三十五人', 35], ['十', 10], ['十二', 12], ['一百零二', 102], ['两千', 2000],
    ['两千零五十', 2050], ['1万2千', 12000], ['一万', 10000], ['1,200', 1200], ['１２', 12], ['零', 0], ['壹佰', 100],
    ['48人', 48], ['3场', 3],
  ])('%s → %d', (input, n) => expect(parseCount(input)).toBe(n));

  it.each(['', 'abc', '3.5', '-1', '很多', '35个人以上', '1e5'])('%s is not a count', (input) => expect(parseCount(input)).toBeUndefined());
});

describe('normalise keeps to the length typed', () => {
  it('a character that NFC expands (U+FB1F) is kept as typed', () => {
    expect(normalise('\u05F2\u05B7').length).toBeLessThanOrEqual(2);
    expect(normalise('\uFB1F')).toBe('\uFB1F');
  });
});
