import type { Logger } from 'pino';
import { SendError } from '../../bot/sender.js';
import { TokenCache } from '../token-cache.js';

/**
 * WeCom's server API: the group-robot webhook (needs no credentials) and the application API
 * (access token from CorpID + Secret). Every base URL comes from WECOM_API_BASE so tests point
 * this real client at a fake server.
 *
 * Error codes (official 全局错误码 page, path 90313): 0 ok; 40014 invalid access_token and
 * 42001 access_token expired → fetch a new token and try once more; 45009 API frequency limit
 * (also the webhook's 20-per-minute limit) → rate-limited; -1 system busy → transient. Anything
 * else is permanent and carries WeCom's errmsg.
 */
export interface WeComApiOptions {
  base: string;
  corpId?: string;
  secret?: string;
  logger: Logger;
  /** Milliseconds since the epoch; tests move it to expire tokens. */
  now?: () => number;
  timeoutMs?: number;
}

interface WeComReply {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

const TOKEN_ERRORS = new Set([40014, 42001]);

export class WeComApi {
  private readonly tokens: TokenCache;

  constructor(private readonly o: WeComApiOptions) {
    this.tokens = new TokenCache(() => this.fetchToken(), o.now ?? Date.now);
  }

  get hasApp(): boolean {
    return Boolean(this.o.corpId && this.o.secret);
  }

  /** `POST /cgi-bin/webhook/send?key=KEY` — a group robot's message. */
  async webhookSend(key: string, payload: object): Promise<void> {
    await this.request(`/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, payload);
  }

  /**
   * A smart bot message's `response_url` (reply once, within an hour): only on WeCom's host (or
   * WECOM_API_BASE's), so a reply never goes to an address a callback made up.
   */
  async responseSend(url: string, payload: object): Promise<void> {
    const u = new URL(url);
    if (u.host !== 'qyapi.weixin.qq.com' && u.host !== new URL(this.o.base).host) {
      throw new SendError('permanent', `WeCom response_url is not on WeCom's host: ${u.host}`);
    }
    await this.request(u.pathname + u.search, payload, u.origin);
  }

  /** `POST /cgi-bin/message/send` as the application. */
  async messageSend(payload: object): Promise<WeComReply> {
    return this.withToken((t) => this.request(`/cgi-bin/message/send?access_token=${encodeURIComponent(t)}`, payload));
  }

  /** `POST /cgi-bin/message/update_template_card` with a click's single-use response_code. */
  async updateTemplateCard(payload: object): Promise<WeComReply> {
    return this.withToken((t) =>
      this.request(`/cgi-bin/message/update_template_card?access_token=${encodeURIComponent(t)}`, payload),
    );
  }

  /** The cached access token (see TokenCache). */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  private async fetchToken(): Promise<{ value: string; ttlSeconds: number }> {
    if (!this.hasApp) throw new SendError('permanent', 'WeCom application is not configured (WECOM_CORP_ID, WECOM_APP_SECRET)');
    const q = new URLSearchParams({ corpid: this.o.corpId!, corpsecret: this.o.secret! });
    const r = await this.request(`/cgi-bin/gettoken?${q}`);
    const value = String(r.access_token ?? '');
    if (!value) throw new SendError('transient', 'gettoken returned no access_token');
    this.o.logger.info({ expiresIn: r.expires_in }, 'wecom access token renewed');
    return { value, ttlSeconds: Number(r.expires_in ?? 7200) };
  }

  /** Runs a call with the token; on 40014/42001 renews it once and runs the call again. */
  private async withToken(call: (token: string) => Promise<WeComReply>): Promise<WeComReply> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof SendError) || !TOKEN_ERRORS.has(Number(err.code))) throw err;
      this.o.logger.warn({ errcode: err.code }, 'wecom access token refused; renewing');
      return call(await this.tokens.renew(token));
    }
  }

  /** One HTTP call: GET without a body, POST JSON with one; WeCom's errcode decides the outcome. */
  private async request(pathAndQuery: string, body?: object, base = this.o.base): Promise<WeComReply> {
    const path = pathAndQuery.split('?')[0];
    let res: Response;
    try {
      res = await fetch(base + pathAndQuery, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new SendError('transient', `WeCom ${path}: ${(err as Error).message}`);
    }
    if (res.status === 429) throw new SendError('rate-limited', `WeCom ${path}: HTTP 429`, 429);
    if (res.status >= 500) throw new SendError('transient', `WeCom ${path}: HTTP ${res.status}`, res.status);
    let data: WeComReply;
    try {
      data = (await res.json()) as WeComReply;
    } catch {
      throw new SendError(res.ok ? 'transient' : 'permanent', `WeCom ${path}: HTTP ${res.status}, not JSON`, res.status);
    }
    const code = Number(data.errcode ?? 0);
    if (code === 0) return data;
    const kind = code === 45009 ? 'rate-limited' : code === -1 ? 'transient' : 'permanent';
    throw new SendError(kind, `WeCom ${path}: ${code} ${data.errmsg ?? ''}`.trim(), code, data.errmsg);
  }
}
