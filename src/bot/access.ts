import { t } from '../texts.js';
import type { CommandDef, Context } from './command.js';

/** Why this sender may not use the command here, or undefined when they may. */
export function refusal(def: CommandDef, ctx: Pick<Context, 'isAdmin' | 'member' | 'chat'>): string | undefined {
  const command = def.names[0];
  switch (def.access) {
    case 'anyone':
      return undefined;
    case 'bound':
      if (ctx.isAdmin || ctx.member.unit || ctx.chat.unit) return undefined;
      return t('access.boundOnly', { command });
    case 'contact':
      return ctx.isAdmin || ctx.member.unit ? undefined : t('access.contactOnly', { command });
    case 'admin':
      return ctx.isAdmin ? undefined : t('access.adminOnly', { command });
    case 'superadmin':
      return ctx.member.role === 'SUPERADMIN' ? undefined : t('access.superadminOnly', { command });
  }
}
