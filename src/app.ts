import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { Dispatcher } from './bot/dispatcher.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { applyMigrations, root } from './db/migrate.js';
import { ensureCampaign } from './domain/campaign.js';
import { importUnits, readUnitsFile } from './domain/units.js';
import type { Campaign } from './generated/sqlite/client.js';
import type { Handled } from './bot/message.js';
import type { PlatformSender } from './bot/sender.js';
import { hostNoticePublisher } from './outbox/host-notices.js';
import { SentLog, sentLogDir } from './outbox/sent-log.js';
import { InFlight } from './platforms/inflight.js';
import { createReceivers, startReceivers, type Receiver } from './platforms/index.js';
import { createSenders, senderMap, type Senders } from './platforms/senders.js';
import { Lease } from './db/lease.js';
import { retryNow } from './outbox/retry-now.js';

/** This process among the instances sharing the database, e.g. as a Lease holder. */
const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface App {
  config: Config;
  database: Database;
  campaign: Campaign;
  dispatcher: Dispatcher;
  logger: Logger;
  clock: () => Date;
  /** Each platform's sender by platform name: pushes to groups, cards and texts to people. */
  senders: ReadonlyMap<string, PlatformSender>;
  /** The same senders as a record, for the platforms' receivers to take their own. */
  platformSenders: Senders;
  /** Replies still being worked on after their callback was answered; drained before closing. */
  inflight: InFlight<Handled>;
  /** Where this process writes each send before its mark; absent for an in-memory database. */
  sentLog?: SentLog;
  /** Run first on close, e.g. stopping the receivers and the background jobs. */
  closers: Array<() => void | Promise<void>>;
  close(): Promise<void>;
}

/**
 * Everything the bot needs before it takes a message: migrations applied, units seeded on first
 * start, the campaign in place, and the dispatcher over every command.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  clock: () => Date = () => new Date(),
  // npm start passes applyMigrationsApart, which runs the schema engine in a child process.
  // The chat console passes its own sender, so notices reach console people and groups.
  { migrate = applyMigrations, extraSenders = [] }: { migrate?: (url: string) => Promise<string[]>; extraSenders?: readonly PlatformSender[] } = {},
): Promise<App> {
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const database = openDatabase(config.DATABASE_URL);
  try {
    // WAL lets the chat console and the server share one SQLite file without blocking readers.
    if (database.provider === 'sqlite') await database.prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    if ((await database.prisma.unit.count()) === 0) {
      const file = isAbsolute(config.UNITS_FILE) ? config.UNITS_FILE : join(root, config.UNITS_FILE);
      if (existsSync(file)) {
        const imported = await importUnits(database.prisma, readUnitsFile(file));
        logger.info({ file, ...imported }, 'units seeded');
      } else logger.warn({ file }, 'no units file: the unit list is empty');
    }
    const campaign = await ensureCampaign(
      database.prisma,
      {
        name: config.CAMPAIGN_NAME,
        start: config.CAMPAIGN_START,
        end: config.CAMPAIGN_END,
        rankingStart: config.CAMPAIGN_RANKING_START,
        contactEmail: config.CAMPAIGN_CONTACT_EMAIL,
        logoName: config.CAMPAIGN_LOGO,
      },
      clock(),
    );
    const platformSenders = createSenders(config, logger, clock);
    const senders = new Map([...senderMap(platformSenders), ...extraSenders.map((sender) => [sender.platform, sender] as const)]);
    const exportLinks = config.ADMIN_TOKEN && config.PUBLIC_BASE_URL ? { secret: config.ADMIN_TOKEN, base: config.PUBLIC_BASE_URL } : undefined;
    // Notices of a committed change (a host request to approve, a decision) go out through the outbox.
    const publish = hostNoticePublisher({ db: database.prisma, senders });
    // Before anything is taken up again: what a killed process sent but had not marked is marked.
    const sentDir = sentLogDir(config.DATABASE_URL);
    const sentLog = sentDir ? await SentLog.open(sentDir, database.prisma, logger) : undefined;
    const dispatcher = new Dispatcher({
      database,
      campaign,
      commands,
      superadmins: config.SUPERADMINS,
      logger,
      clock,
      senders,
      exportLinks,
      publish,
      inboxClaimMs: config.INBOX_CLAIM_MS,
      sentLog,
    });
    const inflight = new InFlight<Handled>();
    const closers: App['closers'] = [];
    const close = async () => {
      for (const c of closers) await c();
      await inflight.drain();
      sentLog?.close();
      await database.close();
    };
    return { config, database, campaign, dispatcher, logger, clock, senders, platformSenders, inflight, sentLog, closers, close };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * The platforms of a started app, for `npm start` and the tests alike: their receivers, started,
 * and stopped when the app closes (before it drains the replies still under way).
 */
export async function startPlatforms(app: App): Promise<Receiver[]> {
  const receivers = createReceivers({
    config: app.config,
    bot: app.dispatcher,
    senders: app.platformSenders,
    logger: app.logger,
    clock: app.clock,
    inflight: app.inflight,
    lease: (name, ttlMs) => new Lease(app.database.prisma, name, instanceId, { ttlMs }),
    retryNow: (platform) => retryNow(app.database.prisma, platform, app.clock()),
  });
  app.closers.push(await startReceivers(receivers));
  return receivers;
}
