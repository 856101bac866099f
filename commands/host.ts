import { defineCommand } from '../src/bot/command.js';
import { count, date, month, place, text } from '../src/bot/field-types.js';
import { findMonth } from '../src/bot/dates.js';
import { hostDate, requestSlot } from '../src/domain/hosting.js';
import { t } from '../src/texts.js';
import { shanghaiInstant } from '../src/time.js';
import { contactName, contactPhone } from './common-fields.js';
import { plausibleOrConfirm } from './corrections.js';

/** A host request's details as the texts show them (申报承办's reply, 审批列表's lines). */
export function requestDetails(request: {
  unit: { name: string };
  theme: string;
  proposedAt: Date;
  place: string;
  expectedParticipants: number;
  contactName: string;
  contactPhone: string;
}) {
  return {
    unit: request.unit.name,
    theme: request.theme,
    date: hostDate(request.proposedAt),
    place: request.place,
    expected: request.expectedParticipants,
    contactName: request.contactName,
    contactPhone: request.contactPhone,
  };
}

/** The days of a requested month (`YYYY-MM`), inside which a host date typed without a year is read. */
function monthWindow(month: unknown) {
  if (typeof month !== 'string') return undefined;
  const [year, number] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: shanghaiInstant(year, number, 1), to: shanghaiInstant(year, number, last), name: t('time.month', { year, month: number }) };
}

/** 承办申报: request to host the provincial 主题读书月 event in a month. */
/** 「8月22日在湘潭市职工书屋」「7月18日下午2点在市工人文化宫」: a date, then 在 and the place. */
const DATE_THEN_PLACE = /^(\d{1,4}[-/.年]?\d{0,2}月?\d{1,2}[日号]?[^在]{0,12})在(.{2,})$/u;
/** A word that is a date (「7月25号上午9点」「2020-07-25」「下周六」), wherever it stands. */
const DATE_ALONE = /^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}月\d{1,2}[日号]|\d{1,2}[./]\d{1,2}(?!\d)|下?(?:周|星期|礼拜)[一二三四五六日天]|明天|后天)/u;
/** 「预计120人」「150人」「150」: the expected head count (预计 names the field; an estimate such as 约 is read, and asked about, by the count field). */
const HEAD_COUNT = /^(?:预计|预计人数|人数)?[:：]?((?:约|大约)?\s*[\d零一二三四五六七八九十百千两,，]+\s*(?:人|名|位|人左右|多人)?)$/u;

export default defineCommand({
  names: ['申报承办', 'host'],
  variants: ['承办申报', '申请承办', '我要承办', '报名承办', '申报承接', '承办'],
  section: '承办申报',
  summary: '申报承办省总线下主题读书月活动（每月 2—3 家）',
  usage: '申报承办 月份=<2020-07> 主题=<活动主题> 日期=<日期> 地点=<地点> 人数=<预计人数> [联系人=<姓名>] [电话=<号码>]',
  examples: [
    '申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日下午2点 地点=长沙市工人文化宫 人数=200 电话=13800000000',
    '申报承办 7月 书香三湘 7月25日 株洲市图书馆 150',
  ],
  access: 'bound',
  fields: {
    month: { label: '月份', names: ['承办月份'], prompt: '想承办哪个月的活动？例如：2020-07 或 7月', schema: month('月份') },
    theme: { label: '主题', names: ['活动主题'], prompt: '活动主题是什么？例如：劳模讲书', schema: text('主题', 60) },
    proposedAt: { label: '日期', names: ['时间', '活动时间', '拟办日期'], prompt: '打算哪天办？例如：7月18日下午2点', schema: date('日期', { window: ({ values }) => monthWindow(values.month), inside: true }) },
    place: { label: '地点', names: ['活动地点'], prompt: '在哪里办？例如：长沙市工人文化宫', schema: place('地点', 80) },
    expected: { label: '人数', names: ['预计人数', '参与人数'], prompt: '预计多少人参加？例如：200', schema: count('预计人数', 100_000) },
    contactName,
    contactPhone,
  },
  positional: ['month', 'theme', 'proposedAt', 'place', 'expected'],
  /**
   * In order, as the usage shows; but a first word that only mentions the month in a sentence
   * (「7月份的读书月活动」) gives the month, a date with its place (「8月22日在湘潭市职工书屋」) gives
   * both, and a head count (「预计120人」, 「150」) is the expected number wherever it stands; the rest
   * fill theme, date and place in order, and what is missing is asked for.
   */
  classify(words) {
    const [first, ...others] = words;
    const mention = first && !/[日号]/u.test(first) ? findMonth(first, new Date()) : undefined;
    const month = mention && mention.text !== first ? mention.text : first;
    const found: { proposedAt?: string; place?: string; expected?: string } = {};
    const free: string[] = [];
    for (const word of others) {
      const datePlace = DATE_THEN_PLACE.exec(word);
      const count = HEAD_COUNT.exec(word);
      if (datePlace && !found.proposedAt) Object.assign(found, { proposedAt: datePlace[1], place: datePlace[2] });
      else if (DATE_ALONE.test(word) && !found.proposedAt) found.proposedAt = word;
      else if (count && !found.expected) found.expected = count[1];
      else free.push(word);
    }
    const [theme, ...more] = free;
    const proposedAt = found.proposedAt ?? more.shift();
    const place = found.place ?? more.shift();
    const expected = found.expected ?? (more.length ? more.join(' ') : undefined);
    return { month, theme, proposedAt, place, expected };
  },
  async run(ctx, { month, theme, proposedAt, place, expected, contactName, contactPhone }) {
    if (!(await plausibleOrConfirm(ctx, 'host', expected, '预计人数'))) return;
    const { request, slots, notices } = await requestSlot(ctx.tx, {
      actor: ctx.actor,
      campaign: ctx.campaign,
      now: ctx.now,
      chatId: ctx.chat.id,
      month,
      theme,
      proposedAt,
      place,
      expectedParticipants: expected,
      contactName,
      contactPhone,
    });
    ctx.notify(...notices);
    ctx.reply(
      t('hosting.requested', {
        id: request.id,
        waitlisted: request.status === 'WAITLISTED',
        month: request.month,
        ...slots,
        ...requestDetails(request),
        email: ctx.campaign.contactEmail,
      }),
    );
  },
});
