import type { PlatformSender } from '../../src/bot/sender.js';
import { createBackground } from '../../src/jobs/index.js';
import type { Bot } from '../helpers/bot.js';

/** The console's sender reaches every console group, so the jobs queue for each bound group. */
const CONSOLE_SENDERS: ReadonlyMap<string, PlatformSender> = new Map([['console', { reachesChats: true } as PlatformSender]]);

/** Runs the scheduled jobs due at `iso` (Asia/Shanghai wall time in the string), as the scheduler would then. */
export async function tick(b: Bot, iso: string): Promise<string[]> {
  const ran = await createBackground(b.app, CONSOLE_SENDERS).scheduler.tick(new Date(iso));
  return ran.map((r) => `${r.job} ${r.window}`);
}

/** What the jobs queued under a dedupe key prefix, by the title of the group it goes to. */
export async function queuedTo(b: Bot, prefix: string): Promise<Record<string, string>> {
  const rows = await b.app.database.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: prefix } }, include: { chat: true }, orderBy: { id: 'asc' } });
  return Object.fromEntries(rows.map((row) => [row.chat?.title ?? row.userId, row.body]));
}
