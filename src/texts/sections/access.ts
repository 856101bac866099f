/** Who may do what: refusals (src/bot/access.ts, src/domain/actor.ts). */
export const access = {
  'access.bindFirst': '请先绑定单位，例如：绑定 长沙。',
  'access.notYourRecord': (p: { what: string }) => `这条${p.what}不属于您的单位，只能由本单位联系人或管理员修改。`,
  'access.boundOnly': (p: { command: string }) => `请先绑定单位再使用「${p.command}」，例如：绑定 长沙。`,
  'access.adminOnly': (p: { command: string }) => `「${p.command}」只有省总工会管理员可以使用。`,
  'access.superadminOnly': (p: { command: string }) => `「${p.command}」只有超级管理员可以使用。`,
} as const;
