/** What a field says when the typed text does not fit (src/bot/field-types.ts). */
export const fields = {
  'field.empty': (p: { label: string }) => `${p.label}不能为空`,
  'field.tooLong': (p: { label: string; max: number }) => `${p.label}最多 ${p.max} 个字`,
  'field.notCount': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」不是整数，请写数字，例如 35 或 三十五`,
  'field.countTooBig': (p: { label: string; n: number; max: number }) => `${p.label} ${p.n} 太大了，请核对（最多 ${p.max}）`,
  'field.idMissing': (p: { what: string; usage: string }) => `请写上${p.what}编号，例如：${p.usage}`,
  'field.dateUnreadable': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」没看懂，请写成 2020-06-20 或 6月20日`,
  'field.dateTimeUnreadable': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」没看懂，请写成 6月20日下午2点 或 2020-06-20 14:00`,
  'field.timeMissing': (p: { label: string }) => `${p.label}还缺具体钟点，请写成 6月20日下午2点 或 2020-06-20 14:00`,
  'field.monthUnreadable': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」没看懂，请写成 2020-07 或 7月`,
  'field.phone': '电话号码格式不对，请写 11 位手机号或带区号的座机号',
  'field.url': (p: { label: string }) => `${p.label}需要是 http:// 或 https:// 开头的完整网址`,
  'field.notAChoice': (p: { label: string; typed: string; options: string[] }) =>
    `${p.label}「${p.typed}」不在可选范围内，请从 ${p.options.join(' / ')} 中选一个`,
} as const;
