import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Dispatcher } from '../../bot/dispatcher.js';
import type { IncomingMessage } from '../../bot/message.js';
import { shanghaiInstant } from '../../time.js';

/**
 * The local console: be anyone in any group and talk to the same dispatcher and database as the
 * platforms. `:as <名字> @<群名>` switches who speaks and where; every bot line starts with `bot> `.
 */
export interface ConsoleSession {
  user: string;
  chat: string;
}

export const CONSOLE_HELP = [
  '本地对话控制台：直接输入消息和机器人对话。',
  '  :as <名字> @<群名>          切换说话的人和所在的群（首次使用时自动创建）',
  '  :who                        看看现在是谁、在哪个群',
  '  :time YYYY-MM-DD HH:mm      把时钟拨到这一刻（北京时间），运行到期的定时任务，推送以 push @群名> 显示',
  '  :quit                       退出',
].join('\n');

/** What the console does besides messages: moving its clock (and running what is then due). */
export interface ConsoleHooks {
  /** Sets the clock to `at`, runs due jobs and sends what they queued; returns lines to show. */
  setTime?(at: Date): Promise<string[]>;
  /** After each message, e.g. to send what it queued. */
  afterMessage?(): Promise<void>;
}

/** Handles one console line: a `:` directive changes the session, anything else is a message. */
export async function consoleLine(
  dispatcher: Dispatcher,
  session: ConsoleSession,
  line: string,
  hooks: ConsoleHooks = {},
): Promise<{ output: string[]; quit?: boolean }> {
  const t = line.trim();
  if (t.startsWith(':time')) {
    const m = /^:time\s+(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(t);
    if (!m || !hooks.setTime) return { output: ['（用法：:time 2020-06-15 09:00，北京时间）'] };
    const at = shanghaiInstant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
    return { output: await hooks.setTime(at) };
  }
  if (t.startsWith(':')) {
    const m = /^:as\s+([^@\s][^@]*?)?\s*(?:@\s*(.+))?$/.exec(t);
    if (m && (m[1] || m[2])) {
      if (m[1]) session.user = m[1].trim();
      if (m[2]) session.chat = m[2].trim();
      return { output: [`（现在是「${session.user}」在「${session.chat}」群里说话）`] };
    }
    if (t === ':who') return { output: [`（「${session.user}」在「${session.chat}」群）`] };
    if (t === ':quit' || t === ':q') return { output: [], quit: true };
    return { output: [CONSOLE_HELP] };
  }
  if (!t) return { output: [] };
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
  const reply = await dispatcher.handle(msg);
  await hooks.afterMessage?.();
  return { output: reply.split('\n').map((l) => `bot> ${l}`) };
}

/** Runs the console over streams: interactive with a prompt on a terminal, a transcript otherwise. */
export async function runConsole(dispatcher: Dispatcher, input: Readable, output: Writable, interactive: boolean, hooks: ConsoleHooks = {}): Promise<void> {
  const session: ConsoleSession = { user: '张三', chat: '测试群' };
  // On a terminal readline echoes what is typed (it needs the output for that) and keeps history.
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const write = (s: string) => output.write(s + '\n');
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(`[${session.user} @${session.chat}] > `);
    rl.prompt();
  };
  if (interactive) write(CONSOLE_HELP);
  prompt();
  for await (const line of rl) {
    if (!interactive && line.trim() && !line.trim().startsWith(':')) write(`[${session.user} @${session.chat}] ${line}`);
    const { output: lines, quit } = await consoleLine(dispatcher, session, line, hooks);
    lines.forEach(write);
    if (quit) break;
    prompt();
  }
  rl.close();
}
