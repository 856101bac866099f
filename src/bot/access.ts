import { t } from '../texts.js';
import type { CommandDef, Context } from './command.js';
import { commandLine, simplified } from './text.js';

/**
 * The command word as the sender typed it (「同意」 for 批准), so a refusal names the word they
 * used; the command's first name when the message does not start with one of its words (a card click).
 */
export function typedWord(def: Pick<CommandDef, 'names' | 'variants'>, text: string | undefined): string {
  const line = text ? simplified(commandLine(text)).toLowerCase() : '';
  const words = [...def.names, ...(def.variants ?? [])].filter((w) => line.startsWith(w.toLowerCase()));
  return words.sort((a, b) => b.length - a.length)[0] ?? def.names[0];
}

/** Why this sender may not use the command here, or undefined when they may. */
export function refusal(def: CommandDef, ctx: Pick<Context, 'isAdmin' | 'member' | 'chat'> & { message?: { text: string } }): string | undefined {
  const command = typedWord(def, ctx.message?.text);
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
