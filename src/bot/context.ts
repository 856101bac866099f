import type { Tx } from '../db/client.js';
import { actingFor, type Actor } from '../domain/actor.js';
import type { Notice } from '../domain/notices.js';
import type { Campaign } from '../generated/sqlite/client.js';
import type { CommandDef, Context } from './command.js';
import type { Identity } from './identity.js';
import type { IncomingMessage } from './message.js';
import type { PlatformSender } from './sender.js';

export interface ContextParts {
  tx: Tx;
  now: Date;
  campaign: Campaign;
  message: IncomingMessage;
  who: Identity;
  commands: readonly CommandDef[];
  sender?: PlatformSender;
  exportLinks?: { base: string; secret: string };
  /** Where the handler's replies and notices collect. */
  replies: string[];
  notices: Notice[];
  ask: Context['ask'];
  confirm: Context['confirm'];
  confirmed: Context['confirmed'];
}

/** The sender as the domain sees them: plain values. */
export function actorOf(message: IncomingMessage, { chat, member }: Identity): Actor {
  return {
    memberId: member.id,
    name: member.displayName,
    ref: `${message.platform}:${message.senderId}`,
    platform: message.platform,
    messageId: message.messageId,
    isAdmin: member.role === 'ADMIN' || member.role === 'SUPERADMIN',
    ...actingFor(chat.unit, member.unit),
  };
}

/** One handler's context (grammY-style): who, where, the transaction, and reply() aimed at this chat. */
export function createContext(parts: ContextParts): Context {
  const actor: Actor = { ...actorOf(parts.message, parts.who), at: parts.now };
  return {
    tx: parts.tx,
    now: parts.now,
    campaign: parts.campaign,
    message: parts.message,
    chat: parts.who.chat,
    member: parts.who.member,
    actor,
    isAdmin: actor.isAdmin,
    commands: parts.commands,
    sender: parts.sender,
    exportLinks: parts.exportLinks,
    reply: (text) => void parts.replies.push(text),
    notify: (...notices) => void parts.notices.push(...notices),
    ask: parts.ask,
    confirm: parts.confirm,
    confirmed: parts.confirmed,
  };
}
