import type { Field } from '../src/bot/command.js';
import { phone, text } from '../src/bot/field-types.js';

/**
 * Fields several registrations share, declared once: the contact (defaults to the sender), a
 * phone number, and the organising unit (defaults to the sender's unit).
 */
export const contactName = {
  label: '联系人',
  prompt: '联系人叫什么名字？',
  schema: text('联系人', 30),
  fallback: (ctx) => ctx.member.displayName,
} satisfies Field<string>;

export const contactPhone = {
  label: '电话',
  names: ['联系电话', '手机'],
  prompt: '',
  schema: phone(),
  optional: true,
} as const satisfies Field<string>;

/** The optional 组织单位 of registrations: the sender's unit when absent. */
export const organiser = {
  label: '组织单位',
  names: ['活动组织单位', '单位'],
  prompt: '请告诉我活动组织单位',
  schema: text('组织单位', 80),
  optional: true,
} as const satisfies Field<string>;

/**
 * The `classify` of commands typed 「<command> <编号> 人数 <n>」 or 「<command> <编号> <n>」: the word
 * 人数 (参与人数) is only a signpost; the record number, then the count, which goes to `countKey`.
 */
export function idThenCount<K extends string>(countKey: K): (words: string[]) => Record<'id' | K, string> {
  return (words) => {
    const [recordNumber, ...count] = words.filter((word) => word !== '人数' && word !== '参与人数');
    // Every word after the number is the count, so that two figures are asked about rather than one dropped.
    return { id: recordNumber, [countKey]: count.length ? count.join(' ') : undefined } as Record<'id' | K, string>;
  };
}
