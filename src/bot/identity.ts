import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { readIdentity } from '../db/hot.js';
import type { Chat, Member, Unit } from '../generated/sqlite/client.js';
import type { IncomingMessage } from './message.js';

export interface Identity {
  chat: Chat & { unit: Unit | null };
  member: Member & { unit: Unit | null };
  /**
   * Whether the sender may have a question open in this chat: false only when the read found
   * none, so the dispatcher need not look for one (undefined: not known, look).
   */
  asking?: boolean;
}

export type Superadmins = ReadonlyArray<{ platform: string; userId: string }>;

/**
 * The chat and the sender of a message, created on first sight, outside the message's transaction
 * so that a refused command still records them. Read first (chat, sender, their units and whether
 * a question is open: one statement) and written only when something changed: most messages come
 * from chats and people already known. A message without a sender
 * name (a card click) never renames anyone. Two first messages at once may race on the unique
 * keys: the loser reads again and finds the winner's row.
 */
export async function identify(prisma: Db, msg: IncomingMessage, superadmins: Superadmins): Promise<Identity> {
  const title = (msg.chatTitle ?? '').slice(0, 100);
  const superadmin = superadmins.some((s) => s.platform === msg.platform && s.userId === msg.senderId);
  const name = msg.senderName?.slice(0, 50);
  // findFirst, not findUnique: Prisma merges the findUniques of one tick into one query, which
  // fails past the database's parameter limit when hundreds of messages arrive at once
  // (prisma/orm#23957, open).
  const chatKey = { platform: msg.platform, platformChatId: msg.chatId };
  const memberKey = { platform: msg.platform, platformUserId: msg.senderId };
  const include = { unit: true } as const;
  // Most messages: both known and unchanged, read in one statement (src/db/hot.ts).
  const known = await readIdentity(prisma, msg.platform, msg.chatId, msg.senderId);
  if (
    known &&
    !(title && known.chat.title !== title) &&
    !(name && known.member.displayName !== name) &&
    !(superadmin && known.member.role !== 'SUPERADMIN')
  ) {
    return known;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      let chat = await prisma.chat.findFirst({ where: chatKey, include });
      if (!chat) {
        chat = await prisma.chat.create({ data: { ...chatKey, title, isGroup: msg.chatType === 'group' }, include });
      } else if (title && chat.title !== title) {
        chat = await prisma.chat.update({ where: { id: chat.id }, data: { title }, include });
      }
      let member = await prisma.member.findFirst({ where: memberKey, include });
      if (!member) {
        member = await prisma.member.create({
          data: { ...memberKey, displayName: name || msg.senderId, role: superadmin ? 'SUPERADMIN' : 'CONTACT' },
          include,
        });
      } else if ((name && member.displayName !== name) || (superadmin && member.role !== 'SUPERADMIN')) {
        member = await prisma.member.update({
          where: { id: member.id },
          data: { ...(name ? { displayName: name } : {}), ...(superadmin ? { role: 'SUPERADMIN' as const } : {}) },
          include,
        });
      }
      return { chat, member };
    } catch (err) {
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
