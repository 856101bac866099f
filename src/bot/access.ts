import type { CommandDef, Context } from './command.js';

/** Why this sender may not use the command here, or undefined when they may. */
export function refusal(def: CommandDef, ctx: Context): string | undefined {
  switch (def.access) {
    case 'anyone':
      return undefined;
    case 'bound':
      if (ctx.isAdmin || ctx.member.unit || ctx.chat.unit) return undefined;
      return `请先绑定单位再使用「${def.names[0]}」，例如：绑定 长沙。`;
    case 'admin':
      return ctx.isAdmin ? undefined : `「${def.names[0]}」只有省总工会管理员可以使用。`;
    case 'superadmin':
      return ctx.member.role === 'SUPERADMIN' ? undefined : `「${def.names[0]}」只有超级管理员可以使用。`;
  }
}
