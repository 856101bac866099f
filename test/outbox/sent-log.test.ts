import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlatformSender } from '../../src/bot/sender.js';
import { sqliteFile } from '../../src/db/provider.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { SentLog, sentLogDir } from '../../src/outbox/sent-log.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { KINDS } from '../helpers/db.js';
import { holdWriteLock } from '../helpers/sqlite-lock.js';
import { useWeComServer, type WeComServer } from '../helpers/wecom.js';

/**
 * The sent log: a send is written down the moment it returns, before its SENT mark, so a process
 * killed (or a database lost) between the two does not make the message go twice.
 */
const logger = createLogger('silent');

/** The id of a process that has exited: a log file under it is a dead process's. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'close');
  return child.pid!;
}

async function group(s: WeComServer) {
  return s.app.database.prisma.chat.create({ data: { platform: 'wecom', platformChatId: `sl-${randomUUID()}`, title: '群', pushKey: randomUUID() } });
}

const sentTo = (s: WeComServer, key: string) => s.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key);

function worker(s: WeComServer, extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  return new OutboxWorker({ database: s.app.database, senders: s.app.senders, logger, clock: s.clock.read, random: () => 0.5, ...extra });
}

/**
 * A message as a process killed right after sending it leaves it: SENDING, claimed by a worker
 * that is gone, its claim run out.
 */
async function leftSending(s: WeComServer, chat: Awaited<ReturnType<typeof group>>, key: string) {
  const prisma = s.app.database.prisma;
  await enqueue(prisma, { chat, body: '上周排行', dedupeKey: key, at: s.clock.now });
  const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: key } });
  await prisma.outbox.update({ where: { id: row.id }, data: { status: 'SENDING', claimedBy: 'w-dead', claimedUntil: new Date(s.clock.now.getTime() - 1_000), attempts: 1 } });
  return row;
}

describe.each(KINDS)('sent log on %s', (kind) => {
  const s = useWeComServer(kind);

  it('a send the killed process had written down is marked SENT at the next start and not sent again', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    const logged = await leftSending(srv, chat, `sl1:${chat.id}:logged`);
    const unlogged = await leftSending(srv, chat, `sl1:${chat.id}:unlogged`);
    const dir = join(sentLogDir(srv.app.config.DATABASE_URL)!, '..', `sent-test-${randomUUID()}`);
    mkdirSync(dir, { recursive: true });
    const at = new Date(srv.clock.now.getTime() - 2_000);
    writeFileSync(join(dir, `${await deadPid()}.0a1b2c3d.log`), `${JSON.stringify({ id: logged.id, at: at.toISOString() })}\n{"id":`);

    const log = await SentLog.open(dir, prisma, logger);
    const settled = await prisma.outbox.findUniqueOrThrow({ where: { id: logged.id } });
    expect([settled.status, settled.sentAt?.getTime(), settled.claimedUntil]).toEqual(['SENT', at.getTime(), null]);

    // The one not written down (its send may not have gone) is sent again; the logged one never.
    await worker(srv, { sentLog: log }).drain();
    expect(sentTo(srv, chat.pushKey!).map((c) => c.body.markdown.content)).toEqual(['上周排行']);
    expect((await prisma.outbox.findUniqueOrThrow({ where: { id: unlogged.id } })).status).toBe('SENT');
    log.close();
    expect(existsSync(dir)).toBe(false);
  });

  it('a live log holds a send only until its mark is stored; a live process’s log is left alone', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    const dir = join(sentLogDir(srv.app.config.DATABASE_URL)!, '..', `sent-test-${randomUUID()}`);
    mkdirSync(dir, { recursive: true });
    // Another instance on this machine, alive (our parent): its log is not touched.
    const other = join(dir, `${process.ppid}.0a1b2c3d.log`);
    const stranger = await leftSending(srv, await group(srv), `sl2:${chat.id}:other`);
    await prisma.outbox.update({ where: { id: stranger.id }, data: { claimedUntil: new Date(srv.clock.now.getTime() + 60_000) } });
    writeFileSync(other, `${JSON.stringify({ id: stranger.id, at: srv.clock.now.toISOString() })}\n`);
    const log = await SentLog.open(dir, prisma, logger);
    expect(existsSync(other)).toBe(true);
    expect((await prisma.outbox.findUniqueOrThrow({ where: { id: stranger.id } })).status).toBe('SENDING');

    await enqueue(prisma, { chat, body: '提醒', dedupeKey: `sl2:${chat.id}:mine`, at: srv.clock.now });
    const written: string[] = [];
    const mine = join(dir, readdirSync(dir).find((f) => f.startsWith(`${process.pid}.`))!);
    const w = worker(srv, {
      sentLog: log,
      // What the log holds the moment the mark is being stored.
      senders: new Map([['wecom', spy(srv.app.senders.get('wecom')!, () => written.push(readFileSync(mine, 'utf8')))]]),
    });
    await w.tick();
    expect(written).toEqual(['']); // nothing written before the send returned
    expect(statSync(mine).size).toBe(0); // emptied once the mark was stored
    const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `sl2:${chat.id}:mine` } });
    expect(row.status).toBe('SENT');
    log.close();
    expect(existsSync(mine)).toBe(false);
    expect(existsSync(other)).toBe(true);
    rmSync(dir, { recursive: true });
  });
});

/** A sender that runs `during` inside each push, after the real one returned. */
function spy(real: PlatformSender, during: () => void): PlatformSender {
  return Object.assign(Object.create(real) as PlatformSender, {
    pushMarkdown: async (target: Parameters<PlatformSender['pushMarkdown']>[0], markdown: string) => {
      await real.pushMarkdown(target, markdown);
      during();
    },
  });
}

describe('sent log when the mark cannot be stored (SQLite locked past its busy timeout)', () => {
  const s = useWeComServer('sqlite');

  it('the message is marked from the log on the next tick, never sent again', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    await enqueue(prisma, { chat, body: '本周排行', dedupeKey: `sl3:${chat.id}`, at: srv.clock.now });
    const dir = join(sentLogDir(srv.app.config.DATABASE_URL)!, '..', `sent-test-${randomUUID()}`);
    const log = await SentLog.open(dir, prisma, logger);
    let release: Promise<unknown> | undefined;
    const real = srv.app.senders.get('wecom')!;
    const locking: PlatformSender = Object.assign(Object.create(real) as PlatformSender, {
      pushMarkdown: async (target: Parameters<PlatformSender['pushMarkdown']>[0], markdown: string) => {
        await real.pushMarkdown(target, markdown);
        // Sent; now another process holds the write lock past the busy timeout, so the mark fails.
        release = (await holdWriteLock(sqliteFile(srv.app.config.DATABASE_URL), 6_500)).done;
      },
    });
    const w = worker(srv, { sentLog: log, senders: new Map([['wecom', locking]]), claimMs: 1_000 });
    await expect(w.tick()).rejects.toThrow();
    await release;
    const stuck = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `sl3:${chat.id}` } });
    expect(stuck.status).toBe('SENDING');

    // Its claim runs out; the next tick marks it from the log instead of sending it again.
    srv.clock.set(new Date(srv.clock.now.getTime() + 60_000).toISOString());
    await w.drain();
    expect(sentTo(srv, chat.pushKey!)).toHaveLength(1);
    expect((await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `sl3:${chat.id}` } })).status).toBe('SENT');
    log.close();
  }, 30_000);
});
