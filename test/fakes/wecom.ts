import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { readRequest } from './http.js';

/**
 * A fake of WeCom's server API on 127.0.0.1, speaking the real wire protocol:
 * `GET /cgi-bin/gettoken` (tokens that expire), `POST /cgi-bin/message/send`,
 * `POST /cgi-bin/message/update_template_card` (single-use response codes) and
 * `POST /cgi-bin/webhook/send` (20 messages a minute per key, then errcode 45009) and a smart bot
 * message's response_url, `POST /cgi-bin/aibot/response?response_code=…` (see `responses`).
 * Every request is recorded. The clock is the fake's own, so tests can expire tokens and rate windows.
 */
export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  /** The fake's clock when it arrived. */
  at: number;
}

export class FakeWeCom {
  readonly requests: Recorded[] = [];
  corpId = 'wwfakecorp';
  secret = 'fake-app-secret';
  /** Seconds a new token lives. */
  tokenTtl = 7200;
  /** Webhook keys that WeCom would not know. */
  readonly unknownKeys = new Set<string>();
  /** Return this many 45009s on message/send before accepting (a busy API). */
  busy = 0;
  /** Whether recorded webhook images keep their base64 (tests read it; a benchmark of thousands does not). */
  keepImages = true;
  /** Milliseconds each webhook call takes (a slow network). */
  webhookDelayMs = 0;
  /** While this says so, every API call is answered 503 (an outage); tests tie it to their clock. */
  down: () => boolean = () => false;
  now = () => Date.now();
  private readonly tokens = new Map<string, number>();
  private readonly responseCodes = new Set<string>();
  private readonly webhookSends = new Map<string, number[]>();
  private server?: Server;
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The recorded requests to one path. */
  calls(path: string): Recorded[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** A response code as a click callback would carry, valid for one update. */
  issueResponseCode(): string {
    const code = `rc-${randomUUID()}`;
    this.responseCodes.add(code);
    return code;
  }

  /** Expires every token now, as WeCom does after expires_in. */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 0);
  }

  /** Waits until `n` requests to `path` were recorded. */
  async waitFor(path: string, n = 1, ms = 5000): Promise<Recorded[]> {
    const until = Date.now() + ms;
    while (this.calls(path).length < n) {
      if (Date.now() > until) throw new Error(`fake WeCom: ${path} called ${this.calls(path).length} times, wanted ${n}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.calls(path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { url, body, bad } = await readRequest(req);
    if (bad) return this.send(res, { errcode: 47001, errmsg: 'data format error' });
    const query = Object.fromEntries(url.searchParams);
    // A benchmark's thousands of pictures are checked (webhook()), not all kept: their size and md5 stand in.
    const kept = !this.keepImages && body?.msgtype === 'image' ? { ...body, image: { md5: body.image?.md5, size: String(body.image?.base64 ?? '').length } } : body;
    this.requests.push({ method: req.method!, path: url.pathname, query, body: kept, at: this.now() });
    if (this.down()) {
      res.statusCode = 503;
      res.end('service unavailable');
      return;
    }
    switch (url.pathname) {
      case '/cgi-bin/gettoken':
        return this.send(res, this.gettoken(query));
      case '/cgi-bin/message/send':
        return this.send(res, this.authed(query) ?? this.messageSend(body));
      case '/cgi-bin/message/update_template_card':
        return this.send(res, this.authed(query) ?? this.updateCard(body));
      case '/cgi-bin/aibot/response':
        return this.send(res, this.aibotResponse(query.response_code, body));
      case '/cgi-bin/webhook/send':
        if (this.webhookDelayMs) await new Promise((r) => setTimeout(r, this.webhookDelayMs));
        return this.send(res, this.webhook(query.key, body));
      default:
        res.statusCode = 404;
        res.end('not found');
    }
  }

  private send(res: ServerResponse, body: object) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  private gettoken(q: Record<string, string>) {
    if (q.corpid !== this.corpId) return { errcode: 40013, errmsg: 'invalid corpid' };
    if (q.corpsecret !== this.secret) return { errcode: 40001, errmsg: 'invalid credential' };
    const token = `tok-${randomBytes(6).toString('hex')}`;
    this.tokens.set(token, this.now() + this.tokenTtl * 1000);
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: this.tokenTtl };
  }

  /** undefined when the token is good; WeCom's error otherwise. */
  private authed(q: Record<string, string>) {
    const until = this.tokens.get(q.access_token);
    if (until === undefined) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (until <= this.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return undefined;
  }

  private messageSend(body: any) {
    if (this.busy > 0) {
      this.busy--;
      return { errcode: 45009, errmsg: 'api freq out of limit' };
    }
    if (!body?.touser || !body?.msgtype || !body?.agentid) return { errcode: 40008, errmsg: 'invalid message type' };
    if (body.msgtype === 'template_card') {
      const card = body.template_card;
      if (card?.card_type !== 'button_interaction' || !/^[0-9A-Za-z_\-@]{1,128}$/.test(card.task_id ?? '')) {
        return { errcode: 40058, errmsg: 'invalid template_card' };
      }
      if (!Array.isArray(card.button_list) || card.button_list.length < 1 || card.button_list.length > 6) {
        return { errcode: 40058, errmsg: 'invalid button_list' };
      }
    }
    return { errcode: 0, errmsg: 'ok', msgid: `msg-${randomUUID()}`, response_code: this.issueResponseCode() };
  }

  private updateCard(body: any) {
    if (!this.responseCodes.delete(body?.response_code)) return { errcode: 40129, errmsg: 'invalid response_code' };
    return { errcode: 0, errmsg: 'ok' };
  }

  /** What was posted to one smart bot message's response_url, by its response_code. */
  responses(responseCode: string): any[] {
    return this.calls('/cgi-bin/aibot/response').filter((c) => c.query.response_code === responseCode).map((c) => c.body);
  }

  private aibotResponse(code: string | undefined, body: any) {
    if (!code) return { errcode: 40058, errmsg: 'response_code is missing' };
    if (body?.msgtype !== 'markdown' && body?.msgtype !== 'text' && body?.msgtype !== 'template_card') {
      return { errcode: 40008, errmsg: 'invalid message type' };
    }
    return { errcode: 0, errmsg: 'ok' };
  }

  private webhook(key: string | undefined, body: any) {
    if (!key || this.unknownKeys.has(key)) return { errcode: 93000, errmsg: 'invalid webhook url' };
    const now = this.now();
    const recent = (this.webhookSends.get(key) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= 20) return { errcode: 45009, errmsg: 'api freq out of limit' };
    if (body?.msgtype === 'markdown' && Buffer.byteLength(body.markdown?.content ?? '') > 4096) {
      return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' };
    }
    if (body?.msgtype === 'image') {
      // As WeCom checks it: base64 of a JPG/PNG of at most 2 MB, and the md5 (hex) of those raw bytes.
      const bytes = Buffer.from(String(body.image?.base64 ?? ''), 'base64');
      if (!bytes.length || bytes.length > 2 * 1024 * 1024) return { errcode: 40009, errmsg: 'invalid image size' };
      if (createHash('md5').update(bytes).digest('hex') !== body.image?.md5) return { errcode: 301019, errmsg: 'media md5 not match' };
      const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const jpg = bytes[0] === 0xff && bytes[1] === 0xd8;
      if (!png && !jpg) return { errcode: 40113, errmsg: 'unsupported file type' };
    }
    recent.push(now);
    this.webhookSends.set(key, recent);
    return { errcode: 0, errmsg: 'ok' };
  }
}

/** Builds correctly signed and encrypted callbacks, as WeCom sends them, and opens our replies. */
export class WeComCallbacks {
  constructor(
    readonly keys: { token: string; aesKey: string; receiveId: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  signedQuery(encrypted: string, over: Partial<Record<'timestamp' | 'nonce' | 'msg_signature', string>> = {}) {
    const timestamp = over.timestamp ?? String(Math.floor(this.now().getTime() / 1000));
    const nonce = over.nonce ?? String(Math.floor(Math.random() * 1e9));
    const msg_signature = over.msg_signature ?? getSignature(this.keys.token, timestamp, nonce, encrypted);
    return new URLSearchParams({ msg_signature, timestamp, nonce });
  }

  seal(plaintext: string): string {
    return encrypt(this.keys.aesKey, plaintext, this.keys.receiveId);
  }

  /** A smart bot text message, as WeCom posts it to /wecom/bot. */
  botText(text: string, o: { msgid?: string; chatid?: string; userid?: string; chattype?: 'group' | 'single' } = {}) {
    return {
      msgid: o.msgid ?? randomUUID(),
      aibotid: 'AIBOTID',
      chatid: o.chatid ?? 'wrkSFfCgAAtest',
      chattype: o.chattype ?? 'group',
      from: { userid: o.userid ?? 'zhangsan' },
      response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSECODE',
      msgtype: 'text',
      text: { content: `@读书助手 ${text}` },
    };
  }

  /** A smart bot payload as WeCom would POST it: the signed path with its query, and the encrypted body. */
  botRequest(payload: object, over: Parameters<WeComCallbacks['signedQuery']>[1] = {}) {
    const encrypted = this.seal(JSON.stringify(payload));
    const query = this.signedQuery(encrypted, over);
    return { path: `/wecom/bot?${query}`, body: JSON.stringify({ encrypt: encrypted }), nonce: query.get('nonce')! };
  }

  /** POSTs a smart bot payload to our server; returns the status, and the decrypted reply when there is one. */
  async postBot(base: string, payload: object, over: Parameters<WeComCallbacks['signedQuery']>[1] = {}) {
    const { path, body, nonce } = this.botRequest(payload, over);
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    return { status: res.status, text, reply: res.status === 200 && text ? this.openBotReply(text, nonce) : undefined };
  }

  /** Checks our passive reply as WeCom would: signature over the new ciphertext, the callback's nonce, receive id. */
  openBotReply(body: string, nonce: string): any {
    const r = JSON.parse(body) as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
    if (r.nonce !== nonce) throw new Error(`reply nonce ${r.nonce} is not the callback's ${nonce}`);
    if (getSignature(this.keys.token, r.timestamp, r.nonce, r.encrypt) !== r.msgsignature) throw new Error('reply signature is wrong');
    const plain = decrypt(this.keys.aesKey, r.encrypt);
    if (plain.id !== this.keys.receiveId) throw new Error(`reply receive id ${plain.id}`);
    return JSON.parse(plain.message);
  }

  /** POSTs an application callback (XML) to our server; returns the status and the decrypted reply XML, if any. */
  async postApp(base: string, innerXml: string, over: Parameters<WeComCallbacks['signedQuery']>[1] = {}) {
    const encrypted = this.seal(innerXml);
    const q = this.signedQuery(encrypted, over);
    const body = `<xml><ToUserName><![CDATA[${this.keys.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
    const res = await fetch(`${base}/wecom/app?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    const text = await res.text();
    let reply: string | undefined;
    if (res.status === 200 && text) {
      const enc = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(text)![1];
      const sig = /<MsgSignature><!\[CDATA\[(.*?)\]\]><\/MsgSignature>/.exec(text)![1];
      const ts = /<TimeStamp>(\d+)<\/TimeStamp>/.exec(text)![1];
      const nonce = /<Nonce><!\[CDATA\[(.*?)\]\]><\/Nonce>/.exec(text)![1];
      if (getSignature(this.keys.token, ts, nonce, enc) !== sig) throw new Error('app reply signature is wrong');
      const plain = decrypt(this.keys.aesKey, enc);
      if (plain.id !== this.keys.receiveId) throw new Error(`app reply receive id ${plain.id}`);
      reply = plain.message;
    }
    return { status: res.status, text, reply };
  }

  /** An application text message's decrypted XML. */
  appText(from: string, content: string, msgId = String(Date.now()) + String(Math.floor(Math.random() * 1e6))) {
    const t = Math.floor(this.now().getTime() / 1000);
    return `<xml><ToUserName><![CDATA[${this.keys.receiveId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${t}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
  }

  /** An application template_card_event (a button click) decrypted XML. */
  appCardClick(from: string, taskId: string, eventKey: string, responseCode: string) {
    const t = Math.floor(this.now().getTime() / 1000);
    return `<xml><ToUserName><![CDATA[${this.keys.receiveId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${t}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${eventKey}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>1000002</AgentID></xml>`;
  }
}
