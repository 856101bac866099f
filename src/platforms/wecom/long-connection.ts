import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from 'pino';
import { SendError } from '../../bot/sender.js';
import type { Lease } from '../../db/lease.js';

/**
 * The WeCom smart bot's long connection (智能机器人 › API 模式 › 连接方式「使用长连接」), through
 * the official SDK `@wecom/aibot-node-sdk` 1.0.7: the SDK opens the socket, subscribes with the
 * BotID and Secret, pings every 30 s, reconnects with back-off after a drop, and matches each
 * frame we send with its ack by req_id (waiting at most 5 s).
 *
 * WeCom allows one connection per bot: a second one makes WeCom send the first a
 * `disconnected_event` and close it (and the SDK does not reconnect then). So with several
 * instances only the holder of a database lease connects. It renews the lease every RENEW_MS
 * while it runs; a holder that dies stops renewing, its lease runs out after LEASE_TTL_MS, and
 * another instance's next claim takes it and connects — within LEASE_TTL_MS + RENEW_MS (25 s).
 * A holder stopping gracefully gives the lease up, so another takes over within RENEW_MS.
 */
export const LEASE_TTL_MS = 20_000;
export const RENEW_MS = 5_000;
/** After another connection took the bot from us: how long before we try to hold it again. */
export const KICKED_PAUSE_MS = 60_000;

/** WeCom's codes, as the SDK and WeCom's own plugin name them: a stream past its ~6 minutes, a req_id it does not know. */
export const STREAM_EXPIRED = 846608;
export const BAD_REQ_ID = 846605;

export interface LongConnectionOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  logger: Logger;
  leaseTtlMs?: number;
  renewMs?: number;
}

export interface LongConnectionHandlers {
  /** An `aibot_msg_callback` frame. */
  message(frame: WsFrame): void;
  /** An `aibot_event_callback` frame other than `disconnected_event`. */
  event(frame: WsFrame): void;
  /** The connection is subscribed (after each connect and reconnect). */
  subscribed?(): void;
}

export class WeComLongConnection {
  private client?: WSClient;
  private subscribed = false;
  private lease?: Lease;
  private handlers?: LongConnectionHandlers;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = true;
  /** When the lease we hold runs out, by our clock. */
  private leaseUntil = 0;
  private pausedUntil = 0;
  private readonly log: Logger;

  constructor(private readonly o: LongConnectionOptions) {
    this.log = o.logger.child({ platform: 'wecom', transport: 'long-connection' });
  }

  /** The lease's name: one per bot. */
  get leaseName(): string {
    return `wecom-bot:${this.o.botId}`;
  }

  get leaseTtlMs(): number {
    return this.o.leaseTtlMs ?? LEASE_TTL_MS;
  }

  /** Whether this instance holds the lease (and so keeps the connection, or is reconnecting it). */
  get holder(): boolean {
    return this.client !== undefined;
  }

  /** Whether frames can be sent now: this instance holds the connection and it is subscribed. */
  get connected(): boolean {
    return this.subscribed && this.client?.isConnected === true;
  }

  status() {
    return { mode: 'long-connection', holder: this.holder, connected: this.connected };
  }

  /** Starts claiming the lease (at once, then every renewMs) and connects while holding it. */
  start(lease: Lease, handlers: LongConnectionHandlers): void {
    this.lease = lease;
    this.handlers = handlers;
    this.stopped = false;
    const loop = async () => {
      this.ticking = this.tick().catch((err: unknown) => this.log.error({ err }, 'wecom long connection lease round failed'));
      await this.ticking;
      if (!this.stopped) this.timer = setTimeout(loop, this.o.renewMs ?? RENEW_MS);
    };
    void loop();
  }

  /** Disconnects and gives the lease up, so another instance takes over at its next claim. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    const held = this.holder;
    this.disconnect('stopping');
    if (held && this.lease) {
      await this.lease.release().catch((err: unknown) => this.log.warn({ err }, 'wecom long connection lease not released; it runs out by itself'));
    }
  }

  /** One round of the lease: claim or renew it, connect when newly held, let go when lost. */
  private async tick(): Promise<void> {
    if (this.stopped || !this.lease) return;
    if (Date.now() < this.pausedUntil) return;
    let until: Date | undefined;
    try {
      until = await this.lease.claim();
    } catch (err) {
      // The database did not answer: keep the connection while the lease we have lasts, no longer
      // (another instance may take it once it runs out).
      this.log.warn({ err, holder: this.holder }, 'wecom long connection lease not renewed: database error');
      if (this.holder && Date.now() >= this.leaseUntil - (this.o.renewMs ?? RENEW_MS)) this.disconnect('lease running out');
      return;
    }
    if (this.stopped || Date.now() < this.pausedUntil) {
      // Stopped, or taken by another connection, while the claim was under way.
      if (until && !this.holder) await this.lease.release().catch((err: unknown) => this.log.warn({ err }, 'wecom long connection lease not released'));
      return;
    }
    if (!until) {
      if (this.holder) {
        this.log.warn('wecom long connection lease taken by another instance: disconnecting');
        this.disconnect('lease lost');
      }
      return;
    }
    this.leaseUntil = until.getTime();
    if (!this.holder) this.connect();
  }

  private connect(): void {
    const log = this.log;
    const client = new WSClient({
      botId: this.o.botId,
      secret: this.o.secret,
      wsUrl: this.o.wsUrl,
      // Reconnect for as long as we hold the lease (a wrong secret included: it is logged each time).
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: -1,
      logger: {
        debug: (message: string, ...args: unknown[]) => log.debug({ sdk: args }, message),
        info: (message: string, ...args: unknown[]) => log.debug({ sdk: args }, message),
        warn: (message: string, ...args: unknown[]) => log.warn({ sdk: args }, message),
        error: (message: string, ...args: unknown[]) => log.error({ sdk: args }, message),
      },
    });
    this.client = client;
    this.subscribed = false;
    client.on('authenticated', () => {
      if (this.client !== client) return;
      this.subscribed = true;
      log.info({ botId: this.o.botId }, 'wecom long connection subscribed');
      this.handlers?.subscribed?.();
    });
    client.on('disconnected', (reason: string) => {
      if (this.client !== client) return;
      this.subscribed = false;
      log.warn({ reason }, 'wecom long connection closed');
    });
    client.on('error', (err: Error) => {
      if (this.client === client) log.warn({ err: { message: err.message, name: err.name } }, 'wecom long connection error');
    });
    client.on('message', (frame: WsFrame) => {
      if (this.client === client) this.handlers?.message(frame);
    });
    client.on('event', (frame: WsFrame) => {
      if (this.client !== client) return;
      if (frame.body?.event?.eventtype === 'disconnected_event') return this.kicked();
      this.handlers?.event(frame);
    });
    log.info({ wsUrl: this.o.wsUrl }, 'wecom long connection: lease held, connecting');
    client.connect();
  }

  /**
   * Another connection to this bot took it (WeCom drops the older one). Not one of ours while the
   * lease works; so someone else runs this bot (another deployment, a test). We let go of the lease
   * and wait before claiming it again, rather than take the bot back and forth every few seconds.
   */
  private kicked(): void {
    this.log.error({ botId: this.o.botId, pauseMs: KICKED_PAUSE_MS }, 'wecom long connection taken over by another connection to this bot; pausing');
    this.disconnect('taken by another connection');
    this.pausedUntil = Date.now() + KICKED_PAUSE_MS;
    void this.lease?.release().catch((err: unknown) => this.log.warn({ err }, 'wecom long connection lease not released'));
  }

  private disconnect(reason: string): void {
    const client = this.client;
    this.client = undefined;
    this.subscribed = false;
    if (!client) return;
    this.log.info({ reason }, 'wecom long connection: disconnecting');
    client.removeAllListeners();
    // The SDK warns and does nothing when already disconnected (e.g. after disconnected_event).
    if ((client as unknown as { started?: boolean }).started) client.disconnect();
  }

  /**
   * Sends a frame on a callback's req_id (`aibot_respond_msg`, `aibot_respond_update_msg`,
   * `aibot_respond_welcome_msg`) and waits for its ack. Throws a SendError.
   */
  async reply(reqId: string, body: object, cmd?: string): Promise<void> {
    const client = this.live();
    await acked(() => client.reply({ headers: { req_id: reqId } }, body, cmd));
  }

  /** `aibot_send_msg` to a group (its chatid) or a person (their userid). Throws a SendError. */
  async send(chatid: string, body: { msgtype: string } & Record<string, unknown>): Promise<void> {
    const client = this.live();
    await acked(() => client.sendMessage(chatid, body as never));
  }

  /** Uploads a picture (`aibot_upload_media_*`, 512 KB chunks): its media_id, valid for 3 days. Throws a SendError. */
  async uploadImage(png: Buffer, filename: string): Promise<string> {
    const client = this.live();
    let mediaId = '';
    await acked(async () => {
      mediaId = (await client.uploadMedia(png, { type: 'image', filename })).media_id;
    });
    return mediaId;
  }

  private live(): WSClient {
    if (!this.client) throw new SendError('transient', 'this instance does not hold the WeCom long connection');
    if (!this.connected) throw new SendError('transient', 'the WeCom long connection is not up');
    return this.client;
  }
}

/**
 * The SDK's outcome as a SendError: it rejects with WeCom's ack frame (`errcode` not 0) or with an
 * Error (no ack within 5 s, the socket closed). Rate limits and WeCom's busy code are tried again.
 */
async function acked(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (err instanceof Error) throw new SendError('transient', `wecom long connection: ${err.message}`);
    const frame = err as { errcode?: number; errmsg?: string };
    const code = frame.errcode ?? -1;
    const kind = code === 45009 || code === 45033 ? 'rate-limited' : code === -1 ? 'transient' : 'permanent';
    throw new SendError(kind, `wecom long connection: errcode ${code}`, code, frame.errmsg);
  }
}
