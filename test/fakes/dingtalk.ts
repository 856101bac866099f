import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { robotSign } from '../../src/platforms/dingtalk/sign.js';
import { readRequest } from './http.js';

/**
 * A fake of DingTalk on 127.0.0.1, speaking the real wire protocol:
 * - the Stream gateway: `POST /v1.0/gateway/connections/open` → {endpoint, ticket}, and a
 *   WebSocket at that endpoint that pushes CALLBACK / SYSTEM frames, records the client's acks,
 *   and redelivers a CALLBACK not acknowledged within `redeliverMs`;
 * - OpenAPI: `/v1.0/oauth2/accessToken`, `/v1.0/robot/groupMessages/send`,
 *   `/v1.0/robot/oToMessages/batchSend`, `/v1.0/card/instances/createAndDeliver`, `PUT /v1.0/card/instances`;
 * - the custom robot `POST /robot/send` (加签 checked, 20 a minute per robot, then 130101);
 * - sessionWebhooks at `POST /robot/sendBySession?session=…`;
 * - media upload `POST /media/upload?access_token=…` (multipart: type=image, file in `media`) → media_id.
 * Every HTTP request is recorded.
 */
export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface Frame {
  specVersion: string;
  type: 'CALLBACK' | 'SYSTEM' | 'EVENT';
  headers: Record<string, string>;
  data: string;
}

export class FakeDingTalk {
  readonly requests: Recorded[] = [];
  readonly acks: Array<{ messageId: string; data: unknown }> = [];
  readonly sentFrames: Frame[] = [];
  clientId = 'dingfakeclientid';
  clientSecret = 'fake-ding-client-secret';
  tokenTtl = 7200;
  /** DingTalk redelivers a callback that is not acknowledged (about 60 s); tests shorten it. */
  redeliverMs = 60_000;
  /** WebSocket connections opened so far. */
  connections = 0;
  /** The next this many acks are lost on the way (their frames stay open and come again). */
  loseAcks = 0;
  /** Answer this many sessionWebhook posts with a 503. */
  failSessions = 0;
  now = () => Date.now();
  base = '';
  private server?: Server;
  private wss?: WebSocketServer;
  private socket?: WebSocket;
  private readonly tickets = new Set<string>();
  private readonly tokens = new Map<string, number>();
  private readonly robots = new Map<string, string | undefined>();
  private readonly robotSends = new Map<string, number[]>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Uploaded pictures by media_id. */
  readonly media = new Map<string, Buffer>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url!, 'http://x');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
        socket.destroy();
        return;
      }
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  calls(path: string, method?: string): Recorded[] {
    return this.requests.filter((r) => r.path === path && (!method || r.method === method));
  }

  /** A custom robot in some group: its access token, and its 加签 secret if it has one. */
  addRobot(token: string, secret?: string): void {
    this.robots.set(token, secret);
  }

  /** Invalidates every access token, as DingTalk does when an app's secret is reset. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Waits until the client has opened `n` connections and the last one is open. */
  async waitConnected(n = 1, ms = 10_000): Promise<void> {
    await until(() => this.connections >= n && this.connected, ms, `connection #${n}`);
  }

  /** Pushes a CALLBACK frame on `topic` with `data` (JSON-encoded, as DingTalk does); returns its messageId. */
  push(topic: string, data: object, messageId = randomUUID()): string {
    const frame: Frame = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: { appId: 'fake-app', connectionId: 'c1', contentType: 'application/json', messageId, time: String(this.now()), topic },
      data: JSON.stringify(data),
    };
    this.deliver(frame);
    return messageId;
  }

  /** Waits for the client's ack of a frame. */
  async waitAck(messageId: string, count = 1, ms = 10_000): Promise<void> {
    await until(() => this.acks.filter((a) => a.messageId === messageId).length >= count, ms, `ack of ${messageId}`);
  }

  /** The gateway drops every connection it holds, as when it restarts. */
  dropAll(): void {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
  }

  /** The gateway drops the connection, as after a network failure. */
  dropConnection(): void {
    this.socket?.terminate();
  }

  /** The gateway asks the client to reconnect (SYSTEM `disconnect`), as before it is redeployed. */
  askToDisconnect(): void {
    this.socket?.send(JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'disconnect', messageId: randomUUID() }, data: '{"reason":"redeploy"}' }));
  }

  /** A robot message as it arrives on TOPIC_ROBOT or in an HTTP-mode POST. */
  robotMessage(text: string, o: { conversationId?: string; userId?: string; nick?: string; group?: boolean; msgId?: string } = {}) {
    const group = o.group ?? true;
    const userId = o.userId ?? 'zhangsan';
    return {
      conversationId: o.conversationId ?? `cid${randomBytes(8).toString('base64url')}`,
      conversationType: group ? '2' : '1',
      conversationTitle: group ? '长沙读书群' : undefined,
      chatbotCorpId: 'dingcorp',
      chatbotUserId: '$:LWCP_v1:$robot',
      msgId: o.msgId ?? `msg${randomBytes(10).toString('hex')}`,
      senderNick: o.nick ?? userId,
      isAdmin: false,
      senderStaffId: userId,
      senderId: `$:LWCP_v1:$${userId}`,
      senderCorpId: 'dingcorp',
      sessionWebhookExpiredTime: this.now() + 90 * 60_000,
      sessionWebhook: `${this.base}/robot/sendBySession?session=${randomBytes(8).toString('hex')}`,
      createAt: this.now(),
      robotCode: this.clientId,
      isInAtList: true,
      msgtype: 'text',
      text: { content: ` ${text}` },
    };
  }

  /** What was posted to one message's sessionWebhook. */
  sessionReplies(message: { sessionWebhook: string }): any[] {
    const session = new URL(message.sessionWebhook).searchParams.get('session');
    return this.calls('/robot/sendBySession').filter((c) => c.query.session === session).map((c) => c.body);
  }

  private accept(ws: WebSocket): void {
    this.connections++;
    this.socket = ws;
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { headers?: { messageId?: string }; data?: string };
      const id = msg.headers?.messageId;
      if (!id) return;
      if (this.loseAcks > 0) {
        this.loseAcks--;
        return;
      }
      clearTimeout(this.pending.get(id));
      this.pending.delete(id);
      this.acks.push({ messageId: id, data: msg.data ? JSON.parse(msg.data) : undefined });
    });
    // Unacknowledged callbacks from a lost connection come again on the new one.
    for (const frame of this.sentFrames.filter((f) => this.pending.has(f.headers.messageId))) this.deliver(frame);
  }

  private deliver(frame: Frame): void {
    this.sentFrames.push(frame);
    this.socket?.send(JSON.stringify(frame));
    const id = frame.headers.messageId;
    clearTimeout(this.pending.get(id));
    this.pending.set(
      id,
      setTimeout(() => {
        if (this.pending.has(id)) this.deliver(frame);
      }, this.redeliverMs),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && new URL(req.url!, 'http://x').pathname === '/media/upload') return this.upload(req, res);
    const { url, body, bad } = await readRequest(req);
    if (bad) return this.send(res, 400, { code: 'InvalidParameter', message: 'body is not JSON' });
    this.requests.push({ method: req.method!, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    const token = String(req.headers['x-acs-dingtalk-access-token'] ?? '');
    switch (`${req.method} ${url.pathname}`) {
      case 'POST /v1.0/gateway/connections/open':
        return this.gateway(res, body);
      case 'POST /v1.0/oauth2/accessToken':
        return this.accessToken(res, body);
      case 'POST /v1.0/robot/groupMessages/send':
        // A picture is sent by the media_id of an upload as photoURL.
        if (body?.msgKey === 'sampleImageMsg' && !this.media.has(JSON.parse(body.msgParam ?? '{}').photoURL)) {
          return this.send(res, 400, { code: 'invalidParameter.photoURL', message: 'photoURL is not a media_id' });
        }
        return this.authed(res, token, () => ({ processQueryKey: randomUUID() }));
      case 'POST /v1.0/robot/oToMessages/batchSend':
        return this.authed(res, token, () => ({ processQueryKey: randomUUID() }));
      case 'POST /v1.0/card/instances/createAndDeliver':
        return this.authed(res, token, () => ({ success: true, result: { outTrackId: body?.outTrackId } }));
      case 'PUT /v1.0/card/instances':
        return this.authed(res, token, () => ({ success: true }));
      case 'POST /robot/send':
        return this.send(res, 200, this.robotSend(Object.fromEntries(url.searchParams), body));
      case 'POST /robot/sendBySession':
        if (this.failSessions > 0) {
          this.failSessions--;
          return this.send(res, 503, { code: 'ServiceUnavailable', message: 'try again' });
        }
        return this.send(res, 200, { errcode: 0, errmsg: 'ok' });
      default:
        return this.send(res, 404, { code: 'NotFound', message: 'not found' });
    }
  }

  /**
   * `POST /media/upload?access_token=…`: multipart with `type` and the file in `media`; answers its
   * media_id. Recorded with the file's name, type, size and md5 (not the bytes) as its body.
   */
  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://x');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let form: FormData;
    try {
      form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': String(req.headers['content-type'] ?? '') } }).formData();
    } catch {
      return this.send(res, 200, { errcode: 40035, errmsg: '不合法的参数' });
    }
    const media = form.get('media');
    const file = typeof media === 'object' && media ? Buffer.from(await media.arrayBuffer()) : undefined;
    const body = {
      type: form.get('type'),
      filename: typeof media === 'object' && media ? (media as File).name : undefined,
      contentType: typeof media === 'object' && media ? media.type : undefined,
      size: file?.length ?? 0,
      md5: file ? createHash('md5').update(file).digest('hex') : '',
    };
    this.requests.push({ method: 'POST', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    const until = this.tokens.get(url.searchParams.get('access_token') ?? '');
    if (until === undefined || until <= this.now()) return this.send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    if (body.type !== 'image' || !file?.length) return this.send(res, 200, { errcode: 40035, errmsg: '缺少参数 media 或 type' });
    if (file.length > 1024 * 1024) return this.send(res, 200, { errcode: 40009, errmsg: '图片大小不合法' });
    const mediaId = `@lA${randomBytes(12).toString('base64url')}`;
    this.media.set(mediaId, file);
    this.send(res, 200, { errcode: 0, errmsg: 'ok', media_id: mediaId, type: 'image', created_at: this.now() });
  }

  private send(res: ServerResponse, status: number, body: object) {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  private gateway(res: ServerResponse, body: any) {
    if (body?.clientId !== this.clientId || body?.clientSecret !== this.clientSecret) {
      return this.send(res, 401, { code: 'InvalidAuthentication', message: 'bad client' });
    }
    const ticket = randomUUID();
    this.tickets.add(ticket);
    this.send(res, 200, { endpoint: `${this.base.replace('http', 'ws')}/connect`, ticket });
  }

  private accessToken(res: ServerResponse, body: any) {
    if (body?.appKey !== this.clientId || body?.appSecret !== this.clientSecret) {
      return this.send(res, 400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
    }
    const accessToken = randomBytes(16).toString('hex');
    this.tokens.set(accessToken, this.now() + this.tokenTtl * 1000);
    this.send(res, 200, { accessToken, expireIn: this.tokenTtl });
  }

  private authed(res: ServerResponse, token: string, ok: () => object) {
    const until = this.tokens.get(token);
    if (until === undefined || until <= this.now()) return this.send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    this.send(res, 200, ok());
  }

  private robotSend(q: Record<string, string>, body: any) {
    if (!this.robots.has(q.access_token)) return { errcode: 300001, errmsg: 'token is not exist' };
    const secret = this.robots.get(q.access_token);
    if (secret) {
      const fresh = Math.abs(this.now() - Number(q.timestamp)) < 60 * 60_000;
      if (!fresh || q.sign !== robotSign(secret, q.timestamp)) return { errcode: 310000, errmsg: 'sign not match' };
    }
    const now = this.now();
    const recent = (this.robotSends.get(q.access_token) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= 20) return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    if (!body?.msgtype) return { errcode: 40035, errmsg: '缺少参数 json' };
    recent.push(now);
    this.robotSends.set(q.access_token, recent);
    return { errcode: 0, errmsg: 'ok' };
  }
}

async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`fake DingTalk: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
