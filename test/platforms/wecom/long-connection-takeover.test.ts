import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { FakeWeComWs } from '../../fakes/wecom-ws.js';
import { freshDb, KINDS } from '../../helpers/db.js';
import { start } from '../../helpers/spawn.js';
import { weComWsEnv } from '../../helpers/wecom-ws.js';

/**
 * Two real server processes on one database, both configured for the same smart bot's long
 * connection, against the fake: WeCom allows one connection per bot (a second drops the first), so
 * exactly one instance holds it — the lease's holder. Killed with SIGKILL (no release), the holder
 * stops renewing; the other takes the lease once it runs out and connects within 30 s, and answers.
 */
describe.each(KINDS)('two instances and one WeCom long connection on %s', (kind) => {
  const children: ChildProcess[] = [];
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await once(c, 'close');
      }
    }
    for (const f of cleanup) await f();
  });

  it('exactly one connects; kill -9 the holder and the other connects within 30 s and answers', { timeout: 120_000 }, async () => {
    const fake = await new FakeWeComWs().start();
    cleanup.push(() => fake.stop());
    const db = await freshDb(kind);
    cleanup.push(db.drop);
    // Messages a dead process left in the inbox are taken by another after INBOX_CLAIM_MS.
    const env = { DATABASE_URL: db.url, ...weComWsEnv(fake), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', INBOX_CLAIM_MS: '2000' };
    const boot = async () => {
      const s = await start(['src/main.ts'], env, /bot started/);
      children.push(s.child);
      return { child: s.child, base: `http://127.0.0.1:${JSON.parse(s.line).address.port}` };
    };
    const holderOf = async (base: string) => ((await (await fetch(`${base}/healthz`)).json()) as { platforms: { wecom: { holder: boolean; connected: boolean } } }).platforms.wecom;

    // The first applies the migrations; the second starts on the migrated database.
    const a = await boot();
    const first = await fake.waitSubscribed(15_000);
    const b = await boot();
    // The second instance tries the lease at start and every 5 s: give it a few rounds.
    await new Promise((r) => setTimeout(r, 7_000));
    const states = [await holderOf(a.base), await holderOf(b.base)];
    expect(states.filter((st) => st.holder)).toHaveLength(1);
    expect(states.find((st) => st.holder)).toMatchObject({ connected: true });
    expect(fake.connections.filter((c) => c.event === 'subscribed').map((c) => c.conn)).toEqual([first]);
    expect(fake.kicks).toBe(0);
    expect(fake.maxSubscribed).toBe(1);

    const chatid = `wrk-${randomUUID()}`;
    expect((await fake.finishedStream(fake.groupText(chatid, 'lisi', '绑定 长沙'))).content).toContain('绑定成功');

    const [holder, other] = states[0].holder ? [a, b] : [b, a];
    // A burst, and the holder killed as it arrives: what it recorded is finished and answered after the takeover.
    const burst = Array.from({ length: 10 }, (_, i) => ({ title: `接管${i}`, msgid: `msg-${randomUUID()}` }));
    const reqIds = burst.map((m) => fake.groupText(chatid, 'lisi', `荐书 《${m.title}》 微博`, m.msgid));
    // Killed once the first of them is answered: others are under way.
    await fake.waitFor((f) => reqIds.includes(f.headers.req_id) && f.body?.stream?.finish === true);
    holder.child.kill('SIGKILL');
    await once(holder.child, 'close');
    const killedAt = Date.now();
    const answeredBeforeKill = reqIds.filter((id) => fake.received.some((f) => f.headers.req_id === id && f.body?.stream?.finish === true)).length;
    const second = await fake.waitSubscribed(40_000, first);
    const takeoverMs = Date.now() - killedAt;
    console.log(`long connection taken over ${takeoverMs} ms after the holder was killed (${kind})`);
    expect(takeoverMs).toBeLessThan(30_000);
    expect(await holderOf(other.base)).toEqual({ mode: 'long-connection', holder: true, connected: true });
    // The new holder answers, on the group bound through the old one.
    expect((await fake.finishedStream(fake.groupText(chatid, 'lisi', '上报 荐读 12'), 15_000)).content).toContain('已上报「长沙市总工会」');
    expect(fake.connections.filter((c) => c.event === 'subscribed').map((c) => c.conn)).toEqual([first, second]);
    expect(fake.kicks).toBe(0);
    expect(fake.maxSubscribed).toBe(1);

    // Every message the killed holder recorded is handled once and answered: on its stream, or
    // (its req_id gone with the old connection, or its stream past its time) by a new message.
    const answered = (title: string, reqId: string) =>
      fake.received.some(
        (f) =>
          (f.headers.req_id === reqId && f.body?.stream?.finish === true && String(f.body.stream.content).includes(title)) ||
          (f.cmd === 'aibot_send_msg' && f.body.chatid === chatid && String(f.body.markdown?.content).includes(title)),
      );
    const check0 = openDatabase(db.url);
    let recorded: string[] = [];
    let answeredAfterMs = 0;
    try {
      const rows = await check0.prisma.processedMessage.findMany({ where: { messageId: { in: burst.map((m) => m.msgid) } }, select: { messageId: true } });
      recorded = burst.filter((m) => rows.some((r) => r.messageId === m.msgid)).map((m) => m.title);
      const until = Date.now() + 30_000;
      while (Date.now() < until && !burst.every((m, i) => !recorded.includes(m.title) || answered(m.title, reqIds[i]))) await new Promise((r) => setTimeout(r, 200));
      answeredAfterMs = Date.now() - killedAt;
      const missing = burst.filter((m, i) => recorded.includes(m.title) && !answered(m.title, reqIds[i])).map((m) => m.msgid);
      if (missing.length) {
        console.log(JSON.stringify(await check0.prisma.processedMessage.findMany({ where: { messageId: { in: missing } }, select: { messageId: true, status: true, repliedAt: true, replyAfter: true, attempts: true, claimedBy: true } })));
        console.log(JSON.stringify(await check0.prisma.outbox.findMany({ where: { kind: 'reply' }, select: { dedupeKey: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, claimedUntil: true } })));
        console.log(Date.now() - killedAt, JSON.stringify(fake.received.filter((f) => f.cmd === 'aibot_respond_msg' || f.cmd === 'aibot_send_msg').map((f) => [f.conn, f.cmd, f.headers.req_id, f.body?.stream?.content?.slice(0, 20) ?? f.body?.markdown?.content?.slice(0, 20)])));
      }
      const done = await check0.prisma.recommendation.findMany({ where: { bookTitle: { in: burst.map((m) => m.title) } }, select: { bookTitle: true } });
      expect(done.map((d) => d.bookTitle).sort()).toEqual([...recorded].sort());
    } finally {
      await check0.close();
    }
    console.log(`burst at the kill: ${recorded.length} of ${burst.length} recorded, ${answeredBeforeKill} answered before it, all answered ${answeredAfterMs} ms after it (${kind})`);
    expect(recorded.length).toBeGreaterThan(0);
    expect(burst.filter((m, i) => recorded.includes(m.title) && !answered(m.title, reqIds[i])).map((m) => m.title)).toEqual([]);

    // A graceful stop gives the lease up (the row is gone), and closes the connection.
    other.child.kill('SIGTERM');
    await once(other.child, 'close');
    expect(fake.subscribed).toBeUndefined();
    const check = openDatabase(db.url);
    try {
      expect(await check.prisma.lease.count()).toBe(0);
    } finally {
      await check.close();
    }
  });
});
