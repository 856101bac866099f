import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage, MessageHandler } from '../../bot/message.js';
import { t } from '../../texts.js';
import { shanghaiInstant } from '../../time.js';

/**
 * The local console: be anyone in any group and talk to the same bot and database as the
 * platforms. `:as <名字> @<群名>` switches who speaks and where; every bot line starts with `bot> `.
 */
export interface ConsoleSession {
  user: string;
  chat: string;
}

/** What the console does besides messages: moving its clock (and running what is then due). */
export interface ConsoleHooks {
  /** Sets the clock to `at`, runs due jobs and sends what they queued; returns lines to show. */
  setTime?(at: Date): Promise<string[]>;
  /** After each message, e.g. to send what it queued. */
  afterMessage?(): Promise<void>;
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
    const time = /^:time\s+(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(typed);
    if (!time || !hooks.setTime) return { output: [t('console.timeUsage')] };
    const at = shanghaiInstant(Number(time[1]), Number(time[2]), Number(time[3]), Number(time[4] ?? 0), Number(time[5] ?? 0));
    return { output: await hooks.setTime(at) };
  }
  if (typed.startsWith(':')) {
    const switchTo = /^:as\s+([^@\s][^@]*?)?\s*(?:@\s*(.+))?$/.exec(typed);
    if (switchTo && (switchTo[1] || switchTo[2])) {
      if (switchTo[1]) session.user = switchTo[1].trim();
      if (switchTo[2]) session.chat = switchTo[2].trim();
      return { output: [t('console.switched', session)] };
    }
    if (typed === ':who') return { output: [t('console.who', session)] };
    if (typed === ':quit' || typed === ':q') return { output: [], quit: true };
    return { output: [t('console.help')] };
  }
  if (!typed) return { output: [] };
  const msg: IncomingMessage = {
    platform: 'console',
    chatId: session.chat,
    chatTitle: session.chat,
    chatType: 'group',
    senderId: session.user,
    senderName: session.user,
    text: line,
    messageId: randomUUID(),
  };
  const reply = await bot.handle(msg);
  await hooks.afterMessage?.();
  return { output: reply.split('\n').map((l) => `bot> ${l}`) };
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
    rl.setPrompt(`[${session.user} @${session.chat}] > `);
    rl.prompt();
  };
  if (interactive) write(t('console.help'));
  prompt();
  for await (const line of rl) {
    if (!interactive && line.trim() && !line.trim().startsWith(':')) write(`[${session.user} @${session.chat}] ${line}`);
    const { output: lines, quit } = await consoleLine(bot, session, line, hooks);
    lines.forEach(write);
    if (quit) break;
    prompt();
  }
  rl.close();
}
