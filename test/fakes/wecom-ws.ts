import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake of WeCom's smart bot long connection (wss://openws.work.weixin.qq.com) on 127.0.0.1,
 * speaking the frames `@wecom/aibot-node-sdk` 1.0.7 sends and expects (dist/index.esm.js):
 * - → `aibot_subscribe` `{bot_id, secret}`: checked; ← ack `{headers:{req_id}, errcode, errmsg}`.
 *   One connection per bot: a second subscription sends the first an `aibot_event_callback`
 *   with `disconnected_event` and closes it (WeCom's behaviour; the SDK does not reconnect then).
 * - → `ping`: acked.
 * - ← `aibot_msg_callback` / `aibot_event_callback` with a fresh req_id (`message()`, `event()`).
 * - → `aibot_respond_msg` on a callback's req_id: a stream is updatable until it is finished and
 *   for `streamTtlMs` (6 minutes) after its message, then 846608; a req_id unknown, or from
 *   another connection, is 846605.
 * - → `aibot_respond_update_msg` (card update) and `aibot_respond_welcome_msg`: once, within
 *   `eventReplyMs` (5 s) of their event, else 846608.
 * - → `aibot_send_msg` `{chatid, msgtype: markdown|template_card|image}`: acked (or with the
 *   errcodes queued in `sendErrors`); an image names a media_id uploaded before.
 * - → `aibot_upload_media_init` → `_chunk` (≤ 512 KB each, 0-based) → `_finish`: the parts
 *   assembled and checked against the announced size and md5, → `{media_id}`; kept in `media`.
 * Every frame a client sends is recorded, with its connection and time; so is each connection's life.
 */
export interface WsFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: any;
  errcode?: number;
  errmsg?: string;
}

export interface Received extends WsFrame {
  conn: number;
  at: number;
}

export type ConnectionEvent = 'open' | 'subscribed' | 'refused' | 'kicked' | 'dropped' | 'closed';

/** WeCom's codes as the SDK and WeCom's plugin name them: a stream past its time, an unknown req_id. */
export const STREAM_EXPIRED = 846608;
export const BAD_REQ_ID = 846605;
export const BAD_SECRET = 40058;

interface Conn {
  id: number;
  ws: WebSocket;
  subscribed: boolean;
}

interface Callback {
  at: number;
  conn: number;
  kind: 'msg' | 'event';
  /** Stream ids finished on this req_id, and when each was first seen. */
  streams: Map<string, { first: number; finished: boolean }>;
  answered: boolean;
}

export class FakeWeComWs {
  botId = 'aibFakeBotId0001';
  secret = 'fake-aibot-secret-0123456789';
  url = '';
  readonly received: Received[] = [];
  readonly connections: Array<{ at: number; conn: number; event: ConnectionEvent }> = [];
  /** Errcodes for the next aibot_send_msg acks, in order (e.g. a rate limit). */
  readonly sendErrors: number[] = [];
  streamTtlMs = 6 * 60_000;
  eventReplyMs = 5_000;
  /** The most subscribed connections this bot ever had at once (WeCom allows one). */
  maxSubscribed = 0;
  now = () => Date.now();
  private server?: Server;
  private wss?: WebSocketServer;
  private nextConn = 1;
  private readonly conns = new Map<number, Conn>();
  private readonly callbacks = new Map<string, Callback>();
  private readonly uploads = new Map<string, { type: string; size: number; chunks: number; md5: string; parts: Map<number, Buffer> }>();
  /** Media uploaded over the connection (`aibot_upload_media_*`), by media_id. */
  readonly media = new Map<string, { type: string; bytes: Buffer }>();

  async start(): Promise<this> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.accept(ws));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.conns.values()) c.ws.terminate();
    this.wss?.close();
    await new Promise((r) => this.server?.close(r));
  }

  /** The subscribed connection's id, if any. */
  get subscribed(): number | undefined {
    return [...this.conns.values()].find((c) => c.subscribed)?.id;
  }

  /** Times another subscription dropped a connection with `disconnected_event`. */
  get kicks(): number {
    return this.connections.filter((c) => c.event === 'kicked').length;
  }

  /** Waits until a connection is subscribed (or `timeoutMs` passes); its id. */
  async waitSubscribed(timeoutMs = 10_000, other?: number): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const id = this.subscribed;
      if (id !== undefined && id !== other) return id;
      if (Date.now() > end) throw new Error(`no subscribed connection within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Pushes a message to the subscribed connection as `aibot_msg_callback`; its req_id. */
  message(body: Record<string, unknown>): string {
    return this.push('aibot_msg_callback', 'msg', body);
  }

  /** A text in a group, @-mentioning the bot as WeCom delivers it. */
  groupText(chatid: string, userid: string, text: string, msgid = `msg-${randomBytes(8).toString('hex')}`): string {
    return this.message({ msgid, aibotid: this.botId, chatid, chattype: 'group', from: { userid }, msgtype: 'text', text: { content: `@读书助手 ${text}` } });
  }

  /** Pushes an event as `aibot_event_callback`; its req_id. */
  event(body: Record<string, unknown>): string {
    return this.push('aibot_event_callback', 'event', { msgtype: 'event', ...body });
  }

  /** The frames a client sent on `reqId` (replies, card updates, welcomes). */
  repliesTo(reqId: string): Received[] {
    return this.received.filter((f) => f.headers?.req_id === reqId && f.cmd !== undefined);
  }

  /** Waits for a frame a client sent that `match` accepts. */
  async waitFor(match: (f: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const f = this.received.find(match);
      if (f) return f;
      if (Date.now() > end) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.received.map((r) => r.cmd))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The finished stream reply to a message, once it comes. */
  async finishedStream(reqId: string, timeoutMs = 10_000): Promise<{ id: string; content: string; msg_item?: unknown[] }> {
    const f = await this.waitFor((r) => r.headers.req_id === reqId && r.cmd === 'aibot_respond_msg' && r.body?.stream?.finish === true, timeoutMs);
    return f.body.stream;
  }

  /** Drops the subscribed connection as a network fault would (no close frame). */
  drop(): void {
    const c = this.conns.get(this.subscribed ?? -1);
    if (!c) throw new Error('no connection to drop');
    this.log(c.id, 'dropped');
    c.subscribed = false;
    c.ws.terminate();
  }

  private push(cmd: string, kind: 'msg' | 'event', body: Record<string, unknown>): string {
    const c = this.conns.get(this.subscribed ?? -1);
    if (!c) throw new Error('no subscribed connection');
    const reqId = `${kind}-${randomBytes(8).toString('hex')}`;
    this.callbacks.set(reqId, { at: this.now(), conn: c.id, kind, streams: new Map(), answered: false });
    c.ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  private log(conn: number, event: ConnectionEvent): void {
    this.connections.push({ at: Date.now(), conn, event });
  }

  private accept(ws: WebSocket): void {
    const c: Conn = { id: this.nextConn++, ws, subscribed: false };
    this.conns.set(c.id, c);
    this.log(c.id, 'open');
    ws.on('message', (data) => {
      let frame: WsFrame;
      try {
        frame = JSON.parse(String(data));
      } catch {
        ws.close(1003, 'not JSON');
        return;
      }
      this.received.push({ ...frame, conn: c.id, at: Date.now() });
      const ack = (errcode = 0, errmsg = errcode ? 'error' : 'ok', body?: unknown) =>
        ws.send(JSON.stringify({ headers: { req_id: frame.headers?.req_id ?? '' }, errcode, errmsg, ...(body ? { body } : {}) }));
      this.handle(c, frame, ack);
    });
    ws.on('close', () => {
      if (this.conns.get(c.id) === c) this.conns.delete(c.id);
      this.log(c.id, 'closed');
    });
  }

  private handle(c: Conn, frame: WsFrame, ack: (errcode?: number, errmsg?: string, body?: unknown) => void): void {
    if (frame.cmd === 'aibot_subscribe') {
      if (frame.body?.bot_id !== this.botId || frame.body?.secret !== this.secret) {
        this.log(c.id, 'refused');
        return ack(BAD_SECRET, 'invalid bot_id or secret');
      }
      for (const other of this.conns.values()) {
        if (other === c || !other.subscribed) continue;
        other.subscribed = false;
        this.log(other.id, 'kicked');
        other.ws.send(
          JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: `kick-${other.id}` }, body: { msgtype: 'event', event: { eventtype: 'disconnected_event' } } }),
        );
        other.ws.close();
      }
      c.subscribed = true;
      this.log(c.id, 'subscribed');
      this.maxSubscribed = Math.max(this.maxSubscribed, [...this.conns.values()].filter((x) => x.subscribed).length);
      return ack();
    }
    if (!c.subscribed) return ack(BAD_REQ_ID, 'not subscribed');
    switch (frame.cmd) {
      case 'ping':
        return ack();
      case 'aibot_respond_msg': {
        const cb = this.callbacks.get(frame.headers.req_id);
        // A req_id is good on the connection it came on only.
        if (!cb || cb.conn !== c.id) return ack(BAD_REQ_ID, 'invalid req_id');
        const body = frame.body ?? {};
        if (body.msgtype === 'stream' || body.msgtype === 'stream_with_template_card') {
          const s = body.stream ?? {};
          if (typeof s.id !== 'string' || typeof s.content !== 'string') return ack(40058, 'stream needs id and content');
          if (Buffer.byteLength(s.content) > 20_480) return ack(40058, 'content over 20480 bytes');
          const known = cb.streams.get(s.id) ?? { first: this.now(), finished: false };
          if (known.finished || this.now() - cb.at > this.streamTtlMs) return ack(STREAM_EXPIRED, 'stream can no longer be updated');
          known.finished = s.finish === true;
          cb.streams.set(s.id, known);
          return ack();
        }
        if (body.msgtype === 'template_card' || ['image', 'file', 'voice', 'video'].includes(body.msgtype)) {
          if (cb.answered) return ack(STREAM_EXPIRED, 'already answered');
          cb.answered = true;
          return ack();
        }
        return ack(40008, 'invalid msgtype');
      }
      case 'aibot_respond_update_msg':
      case 'aibot_respond_welcome_msg': {
        const cb = this.callbacks.get(frame.headers.req_id);
        if (!cb || cb.kind !== 'event' || cb.conn !== c.id) return ack(BAD_REQ_ID, 'invalid req_id');
        if (cb.answered || this.now() - cb.at > this.eventReplyMs) return ack(STREAM_EXPIRED, 'too late to answer this event');
        cb.answered = true;
        return ack();
      }
      case 'aibot_send_msg': {
        const body = frame.body ?? {};
        if (typeof body.chatid !== 'string' || !body.chatid) return ack(40003, 'chatid missing');
        if (!['markdown', 'template_card', 'image', 'file', 'voice', 'video'].includes(body.msgtype)) return ack(40008, 'invalid msgtype');
        if (body.msgtype !== 'markdown' && body.msgtype !== 'template_card' && !this.media.has(body[body.msgtype]?.media_id)) return ack(40007, 'invalid media_id');
        const err = this.sendErrors.shift();
        return err ? ack(err, 'refused by the test') : ack();
      }
      case 'aibot_upload_media_init': {
        const b = frame.body ?? {};
        if (!['image', 'file', 'voice', 'video'].includes(b.type) || !(b.total_chunks >= 1 && b.total_chunks <= 100) || typeof b.md5 !== 'string') {
          return ack(40008, 'bad upload');
        }
        const uploadId = `up-${randomBytes(6).toString('hex')}`;
        this.uploads.set(uploadId, { type: b.type, size: b.total_size, chunks: b.total_chunks, md5: b.md5, parts: new Map() });
        return ack(0, 'ok', { upload_id: uploadId });
      }
      case 'aibot_upload_media_chunk': {
        const b = frame.body ?? {};
        const up = this.uploads.get(b.upload_id);
        if (!up || !(b.chunk_index >= 0 && b.chunk_index < up.chunks)) return ack(40008, 'bad chunk');
        const part = Buffer.from(String(b.base64_data ?? ''), 'base64');
        if (part.length > 512 * 1024) return ack(40008, 'chunk over 512 KB');
        up.parts.set(b.chunk_index, part);
        return ack();
      }
      case 'aibot_upload_media_finish': {
        const up = this.uploads.get(frame.body?.upload_id);
        if (!up || up.parts.size !== up.chunks) return ack(40008, 'upload incomplete');
        const bytes = Buffer.concat([...up.parts.entries()].sort((x, y) => x[0] - y[0]).map(([, b]) => b));
        if (bytes.length !== up.size || createHash('md5').update(bytes).digest('hex') !== up.md5) return ack(40008, 'size or md5 mismatch');
        this.uploads.delete(frame.body.upload_id);
        const mediaId = `media-${randomBytes(8).toString('hex')}`;
        this.media.set(mediaId, { type: up.type, bytes });
        return ack(0, 'ok', { type: up.type, media_id: mediaId, created_at: String(Math.floor(this.now() / 1000)) });
      }
      default:
        return ack(40008, `unsupported cmd ${frame.cmd}`);
    }
  }
}
