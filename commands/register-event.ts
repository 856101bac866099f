import { defineCommand, type Fields } from '../src/bot/command.js';
import { choice, count, dateTime, place, text, timeAfterDate } from '../src/bot/field-types.js';
import { registerActivity, twinActivity } from '../src/domain/activities.js';
import { ACTIVITY_KIND_LABEL, ACTIVITY_KINDS, t } from '../src/texts.js';
import type { ActivityKind } from '../src/generated/sqlite/client.js';
import { formatDateTime } from '../src/time.js';
import { parseCount } from '../src/bot/numbers.js';
import { simplified } from '../src/bot/text.js';
import { contactName, contactPhone, organiser } from './common-fields.js';
import { plausibleOrConfirm } from './corrections.js';

/** 附件1's columns as an activity's fields; 修改活动 reads its changes with the same ones. */
export const eventFields = {
  // <ActivityKind> spelled out: left to infer it inside this record, TypeScript gives up on the
  // whole record and the handler's values lose their types.
  kind: { label: '类型', names: ['活动类型'], prompt: '活动类型是什么？请回复：快闪 / 沙龙 / 读书月', schema: choice<ActivityKind>('活动类型', ACTIVITY_KINDS) },
  theme: { label: '活动主题', names: ['主题'], prompt: '活动主题是什么？例如：读懂中国', schema: text('活动主题', 60) },
  place: { label: '活动地点', names: ['地点'], prompt: '活动在哪里举办？例如：市图书馆三楼报告厅', schema: place('活动地点', 80) },
  startsAt: { label: '活动时间', names: ['时间', '日期'], prompt: '活动什么时候开始？例如：6月20日下午2点', schema: dateTime('活动时间', { prefer: 'nearest' }), joinAnswer: timeAfterDate },
  participants: { label: '参与人数', names: ['人数', '预计人数'], prompt: '', schema: count('参与人数'), optional: true },
  contactName,
  contactPhone,
} satisfies Fields;

/** 附件1: 基层单位职工主题读书月活动 (also flash-mob readings and salons). */
export default defineCommand({
  names: ['登记活动', 'event'],
  variants: ['活动登记', '登记一下活动', '登记一个活动', '登记一个', '登记读书活动', '报名活动', '新增活动', '添加活动'],
  section: '读书活动',
  summary: '登记读书快闪、阅读沙龙或主题读书月活动（附件1）',
  usage: '登记活动 类型=<快闪|沙龙|读书月> 主题=<活动主题> 地点=<地点> 时间=<时间> [人数=<预计人数>] [联系人=<姓名>] [电话=<号码>]',
  examples: [
    '登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆三楼 时间=6月20日下午2点 人数=50',
    '登记活动 快闪 红色经典诵读 五一广场 下周六14:00',
  ],
  access: 'bound',
  fields: { ...eventFields, organiser },
  positional: ['kind', 'theme', 'place', 'startsAt'],
  /**
   * 「沙龙 读懂中国 市图书馆 6月20日下午2点 50人」: the type wherever it stands, then theme and
   * place in order; the time is the words from the first that reads as one (「下周六 14:00」 too);
   * a head count after it (50人) is the participants.
   */
  classify(words) {
    const raw: Partial<Record<'kind' | 'theme' | 'place' | 'startsAt' | 'participants', string>> = {};
    const rest = [...words];
    const kindAt = rest.findIndex((word) => ACTIVITY_KINDS[simplified(word).toLowerCase()] !== undefined);
    if (kindAt >= 0) raw.kind = rest.splice(kindAt, 1)[0];
    else if (rest.length >= 4) raw.kind = rest.shift();
    if (rest.length > 1 && /^\d+\s*(人|人次|名)$/u.test(rest.at(-1)!) && parseCount(rest.at(-1)!) !== undefined) raw.participants = rest.pop();
    const timeAt = rest.findIndex((word, i) => i >= 2 && /\d|[一二三四五六七八九十]/u.test(word));
    const before = timeAt >= 0 ? rest.slice(0, timeAt) : rest;
    if (timeAt >= 0) raw.startsAt = rest.slice(timeAt).join(' ');
    [raw.theme, raw.place] = before;
    if (before.length > 2) raw.place = before.slice(1).join(' ');
    return raw;
  },
  async run(ctx, fields) {
    if (fields.participants !== undefined && !(await plausibleOrConfirm(ctx, fields.kind, fields.participants, eventFields.participants.label))) return;
    const input = { actor: ctx.actor, campaign: ctx.campaign, chatId: ctx.chat.id, ...fields };
    // The same event typed twice (14:00 and 下午2点) is asked about before a second one is made.
    const twin = ctx.confirmed('twin') ? undefined : await twinActivity(ctx.tx, input);
    if (twin) {
      const about = { id: twin.id, kind: ACTIVITY_KIND_LABEL[twin.kind], theme: twin.theme, startsAt: formatDateTime(twin.startsAt), place: twin.place };
      return ctx.confirm('twin', t('activities.confirmTwin', about));
    }
    const { activity, unit } = await registerActivity(ctx.tx, input);
    ctx.reply(
      t('activities.registered', {
        kind: ACTIVITY_KIND_LABEL[activity.kind],
        id: activity.id,
        theme: activity.theme,
        unit: unit.name,
        startsAt: formatDateTime(activity.startsAt),
        place: activity.place,
        contactName: activity.contactName,
        contactPhone: activity.contactPhone,
        expected: activity.participantCount ?? undefined,
      }),
    );
  },
});
