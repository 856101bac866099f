import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage, MessageHandler } from '../../bot/message.js';
import { t } from '../../texts.js';
import { shanghaiInstant } from '../../time.js';
import { directChatId } from './sender.js';

/**
 * The local console: be anyone in any group and talk to the same bot and database as the
 * platforms. `:as <名字> @<群名>` switches who speaks and where, `:as <名字> @私聊` to that
 * person's private chat with the bot; every bot line starts with `bot> `.
 */
export interface ConsoleSession {
  user: string;
  /** The group spoken in, kept while in a private chat so that `:as <名字>` … `@<群名>` returns to it. */
  chat: string;
  /** Speaking in the user's private chat with the bot rather than in `chat`. */
  direct?: boolean;
}

/** Where the session speaks, as the console shows it: the group's name, or 私聊. */
export function place(session: ConsoleSession): string {
  return session.direct ? t('console.direct') : session.chat;
}

/** Where `:time` moves the clock: to a moment, or on by some milliseconds. */
export type TimeTarget = { at: Date } | { plusMs: number };

/** What the console does besides messages: moving its clock (and running what is then due). */
export interface ConsoleHooks {
  /** Moves the clock, runs what falls due on the way and sends it; returns the lines to show. */
  setTime?(target: TimeTarget): Promise<string[]>;
  /** After each message, e.g. to send what it queued; returns the lines to show after the reply. */
  afterMessage?(): Promise<string[]>;
}

const HOUR_MS = 3_600_000;
const UNIT_MS: Record<string, number> = { h: HOUR_MS, d: 24 * HOUR_MS, w: 7 * 24 * HOUR_MS };

/** `:time 2020-06-15 09:00` or `:time +3d` (h, d, w); undefined when it is neither. */
function readTime(typed: string): TimeTarget | undefined {
  const at = /^:time\s+(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(typed);
  if (at) return { at: shanghaiInstant(Number(at[1]), Number(at[2]), Number(at[3]), Number(at[4] ?? 0), Number(at[5] ?? 0)) };
  const plus = /^:time\s+\+\s*(\d{1,4})\s*([hdw])$/i.exec(typed);
  if (plus) return { plusMs: Number(plus[1]) * UNIT_MS[plus[2].toLowerCase()] };
  return undefined;
}

/** Handles one console line: a `:` directive changes the session, anything else is a message. */
export async function consoleLine(
  bot: Pick<MessageHandler, 'handle'>,
  session: ConsoleSession,
  line: string,
  hooks: ConsoleHooks = {},
): Promise<{ output: string[]; quit?: boolean }> {
  const typed = line.trim();
  if (typed.startsWith(':time')) {
    const target = readTime(typed);
    if (!target || !hooks.setTime) return { output: [t('console.timeUsage')] };
    return { output: await hooks.setTime(target) };
  }
  if (typed.startsWith(':')) {
    const switchTo = /^:as\s+([^@\s][^@]*?)?\s*(?:@\s*(.+))?$/.exec(typed);
    if (switchTo && (switchTo[1] || switchTo[2])) {
      if (switchTo[1]) session.user = switchTo[1].trim();
      const where = switchTo[2]?.trim();
      if (where === t('console.direct')) session.direct = true;
      else if (where) [session.chat, session.direct] = [where, false];
      return { output: [t('console.switched', { ...session, direct: Boolean(session.direct) })] };
    }
    if (typed === ':who') return { output: [t('console.who', { ...session, direct: Boolean(session.direct) })] };
    if (typed === ':quit' || typed === ':q') return { output: [], quit: true };
    return { output: [t('console.help')] };
  }
  if (!typed) return { output: [] };
  // A private chat is the person's own, one per person, as the platforms give it (no title).
  const msg: IncomingMessage = {
    platform: 'console',
    chatId: session.direct ? directChatId(session.user) : session.chat,
    chatTitle: session.direct ? undefined : session.chat,
    chatType: session.direct ? 'single' : 'group',
    senderId: session.user,
    senderName: session.user,
    text: line,
    messageId: randomUUID(),
  };
  const reply = await bot.handle(msg);
  const pushed = (await hooks.afterMessage?.()) ?? [];
  return { output: [...reply.split('\n').map((l) => `bot> ${l}`), ...pushed] };
}

/** Runs the console over streams: interactive with a prompt on a terminal, a transcript otherwise. */
export async function runConsole(
  bot: Pick<MessageHandler, 'handle'>,
  input: Readable,
  output: Writable,
  interactive: boolean,
  hooks: ConsoleHooks = {},
): Promise<void> {
  const session: ConsoleSession = { user: t('console.defaultUser'), chat: t('console.defaultChat') };
  // On a terminal readline echoes what is typed (it needs the output for that) and keeps history.
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const write = (s: string) => output.write(s + '\n');
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(`[${session.user} @${place(session)}] > `);
    rl.prompt();
  };
  if (interactive) write(t('console.help'));
  prompt();
  for await (const line of rl) {
    if (!interactive && line.trim() && !line.trim().startsWith(':')) write(`[${session.user} @${place(session)}] ${line}`);
    const { output: lines, quit } = await consoleLine(bot, session, line, hooks);
    lines.forEach(write);
    if (quit) break;
    prompt();
  }
  rl.close();
}
