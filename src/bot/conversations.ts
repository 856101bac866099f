import type { Db, Tx } from '../db/client.js';
import type { Conversation } from '../generated/sqlite/client.js';

/** How long a follow-up question waits for its answer. */
export const CONVERSATION_TTL_MS = 10 * 60_000;

/** Whose question: one sender in one chat. */
export interface Asker {
  platform: string;
  chatId: string;
  senderId: string;
}

export function asker(msg: Asker): Asker {
  return { platform: msg.platform, chatId: msg.chatId, senderId: msg.senderId };
}

/** What a follow-up question asks for when it asks for a one-word yes rather than a field. */
export const CONFIRM = '__confirm__';

/** What a follow-up question remembers: the fields given so far, and which one it asks for. */
export interface QuestionState {
  raw: Record<string, string>;
  /** A field's key, or CONFIRM. */
  asking: string;
  /** The words after the command, for commands that read them whole. */
  rest?: string;
  /** The question as asked, to ask it again. */
  prompt?: string;
  /** How many answers to this field did not fit so far. */
  tries?: number;
  /** What the sender has already confirmed (e.g. 'command' for a guessed command word). */
  confirmed?: string[];
  /** What was typed for the field asked about, when it did not fit (「6月15日」 still lacking its time). */
  typed?: string;
}

export interface OpenQuestion {
  command: string;
  state: QuestionState;
  /** False once the question has waited longer than CONVERSATION_TTL_MS. */
  live: boolean;
}

/**
 * Follow-up questions (「活动时间是什么？」): at most one open per sender and chat, stored so that
 * the answer may reach any instance. Taking a question removes it: an answer either completes
 * the command or the command asks again.
 */
export class Conversations {
  constructor(private readonly prisma: Db) {}

  /** The sender's open question, removed from the store; undefined when none is open. */
  async take(tx: Tx, who: Asker, now: Date): Promise<OpenQuestion | undefined> {
    const where = { platform_platformChatId_platformUserId: { platform: who.platform, platformChatId: who.chatId, platformUserId: who.senderId } };
    const row: Conversation | null = await tx.conversation.findUnique({ where });
    if (!row) return undefined;
    await tx.conversation.delete({ where });
    return { command: row.command, state: JSON.parse(row.state) as QuestionState, live: row.expiresAt > now };
  }

  async ask(tx: Tx, who: Asker, command: string, state: QuestionState, now: Date): Promise<void> {
    await tx.conversation.create({
      data: {
        platform: who.platform,
        platformChatId: who.chatId,
        platformUserId: who.senderId,
        command,
        state: JSON.stringify(state),
        expiresAt: new Date(now.getTime() + CONVERSATION_TTL_MS),
      },
    });
  }

  /** Ends any question of the sender: a refused answer ends the dialogue it belonged to. */
  async drop(who: Asker): Promise<void> {
    await this.prisma.conversation.deleteMany({ where: { platform: who.platform, platformChatId: who.chatId, platformUserId: who.senderId } });
  }
}
