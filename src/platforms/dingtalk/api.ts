import type { Logger } from 'pino';
import { SendError } from '../../bot/sender.js';
import { TokenCache } from '../token-cache.js';
import { robotSign } from './sign.js';

/**
 * DingTalk's server APIs, each base URL configurable so tests reach a fake:
 * - OpenAPI (DINGTALK_API_BASE, api.dingtalk.com): `POST /v1.0/oauth2/accessToken` {appKey,
 *   appSecret} → {accessToken, expireIn}; calls carry `x-acs-dingtalk-access-token`; a failure
 *   is a non-2xx status with `{code, message}`. 429 or a throttling code is rate-limited, 5xx
 *   transient, an invalid token is renewed once.
 * - The custom robot (DINGTALK_OAPI_BASE, oapi.dingtalk.com): `POST /robot/send?access_token=…
 *   [&timestamp=…&sign=…]` answers `{errcode, errmsg}`; 130101 "send too fast, exceed 20 times per
 *   minute" (then throttled for 10 minutes) is rate-limited.
 */
export interface DingTalkApiOptions {
  apiBase: string;
  oapiBase: string;
  clientId?: string;
  clientSecret?: string;
  logger: Logger;
  now?: () => number;
  timeoutMs?: number;
}

export class DingTalkApi {
  private readonly tokens: TokenCache;
  private readonly now: () => number;

  constructor(readonly o: DingTalkApiOptions) {
    this.now = o.now ?? Date.now;
    this.tokens = new TokenCache(() => this.fetchToken(), this.now);
  }

  /** POSTs to an OpenAPI path as the app. */
  async call(method: 'POST' | 'PUT', path: string, body: object): Promise<any> {
    const token = await this.accessToken();
    try {
      return await this.openapi(method, path, body, token);
    } catch (err) {
      if (!(err instanceof SendError) || err.code !== 'InvalidAuthentication') throw err;
      this.o.logger.warn({ path }, 'dingtalk access token refused; renewing');
      return this.openapi(method, path, body, await this.tokens.renew(token));
    }
  }

  /** The cached access token (see TokenCache). */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  private async fetchToken(): Promise<{ value: string; ttlSeconds: number }> {
    if (!this.o.clientId || !this.o.clientSecret) throw new SendError('permanent', 'DingTalk app is not configured (DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET)');
    const r = await this.openapi('POST', '/v1.0/oauth2/accessToken', { appKey: this.o.clientId, appSecret: this.o.clientSecret });
    const value = String(r?.accessToken ?? '');
    if (!value) throw new SendError('transient', 'oauth2/accessToken returned no accessToken');
    this.o.logger.info({ expireIn: r.expireIn }, 'dingtalk access token renewed');
    return { value, ttlSeconds: Number(r.expireIn ?? 7200) };
  }

  private async openapi(method: string, path: string, body: object, token?: string): Promise<any> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers['x-acs-dingtalk-access-token'] = token;
    const res = await this.fetch(`DingTalk ${path}`, this.o.apiBase + path, { method, headers, body: JSON.stringify(body) });
    const data = (await res.json().catch(() => undefined)) as { code?: string; message?: string } | undefined;
    if (res.ok) return data ?? {};
    const code = data?.code ?? String(res.status);
    const kind =
      res.status === 429 || /throttl|qpslimit|ratelimit|frequency/i.test(code) ? 'rate-limited' : res.status >= 500 ? 'transient' : 'permanent';
    throw new SendError(kind, `DingTalk ${path}: HTTP ${res.status} ${code} ${data?.message ?? ''}`.trim(), code, data?.message);
  }

  /** A custom robot's webhook message, signed when the robot has a 加签 secret. */
  async robotSend(accessToken: string, secret: string | undefined, payload: object): Promise<void> {
    const q = new URLSearchParams({ access_token: accessToken });
    if (secret) {
      const timestamp = String(this.now());
      q.set('timestamp', timestamp);
      q.set('sign', robotSign(secret, timestamp));
    }
    await this.errcodeCall('DingTalk /robot/send', `${this.o.oapiBase}/robot/send?${q}`, payload);
  }

  /**
   * A reply through a message's sessionWebhook. Only DingTalk's own host (DINGTALK_OAPI_BASE) is
   * called: the address comes from a verified message, and is still never trusted to point elsewhere.
   */
  async sessionReply(sessionWebhook: string, payload: object): Promise<void> {
    if (new URL(sessionWebhook).origin !== new URL(this.o.oapiBase).origin) {
      throw new SendError('permanent', 'sessionWebhook is not on DINGTALK_OAPI_BASE');
    }
    await this.errcodeCall('DingTalk sessionWebhook', sessionWebhook, payload);
  }

  /**
   * Uploads a picture as the app: `POST {oapi}/media/upload?access_token=…`, multipart with
   * `type=image` and the file in `media` → its `media_id` (`@lA…`), which an app robot's
   * sampleImageMsg and markdown `![](…)` show.
   */
  async uploadMedia(png: Buffer, filename: string): Promise<string> {
    const form = new FormData();
    form.append('type', 'image');
    form.append('media', new Blob([new Uint8Array(png)], { type: 'image/png' }), filename);
    const token = await this.accessToken();
    const url = `${this.o.oapiBase}/media/upload?${new URLSearchParams({ access_token: token })}`;
    const res = await this.fetch('DingTalk /media/upload', url, { method: 'POST', body: form });
    if (res.status >= 500) throw new SendError('transient', `DingTalk /media/upload: HTTP ${res.status}`, res.status);
    const data = (await res.json().catch(() => undefined)) as { errcode?: number; errmsg?: string; media_id?: string } | undefined;
    if (!data) throw new SendError(res.ok ? 'transient' : 'permanent', `DingTalk /media/upload: HTTP ${res.status}, not JSON`, res.status);
    const code = Number(data.errcode ?? 0);
    if (code === 0 && data.media_id) return data.media_id;
    if (code === 40014 || code === 42001) await this.tokens.renew(token);
    const kind = code === 90018 || code === 130101 ? 'rate-limited' : code === -1 || code === 40014 || code === 42001 ? 'transient' : 'permanent';
    throw new SendError(kind, `DingTalk /media/upload: ${code} ${data.errmsg ?? 'no media_id'}`.trim(), code, data.errmsg);
  }

  private async errcodeCall(what: string, url: string, payload: object): Promise<void> {
    const res = await this.fetch(what, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    if (res.status >= 500) throw new SendError('transient', `${what}: HTTP ${res.status}`, res.status);
    const data = (await res.json().catch(() => undefined)) as { errcode?: number; errmsg?: string } | undefined;
    if (!data) throw new SendError(res.ok ? 'transient' : 'permanent', `${what}: HTTP ${res.status}, not JSON`, res.status);
    const code = Number(data.errcode ?? 0);
    if (code === 0) return;
    const kind = code === 130101 ? 'rate-limited' : code === -1 ? 'transient' : 'permanent';
    throw new SendError(kind, `${what}: ${code} ${data.errmsg ?? ''}`.trim(), code, data.errmsg);
  }

  /** One HTTP request; a network failure or time-out is transient. The URL's query (tokens) never reaches an error. */
  private async fetch(what: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new SendError('transient', `${what}: ${(err as Error).message}`);
    }
  }
}
