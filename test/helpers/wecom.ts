import { FakeWeCom, WeComCallbacks } from '../fakes/wecom.js';
import type { Kind } from './db.js';
import { useServer, type TestServer } from './server.js';

/** Keys the tests configure: 43-character EncodingAESKeys, as WeCom's admin panel makes them. */
export const BOT_KEYS = { token: 'botTokenQDG6eK', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
export const APP_CORP = 'wwfakecorp';
export const APP_KEYS = { token: 'appTokenX9', aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut', receiveId: APP_CORP };
export const AGENT_ID = '1000002';

export interface WeComServer extends TestServer<FakeWeCom> {
  /** Builds smart bot callbacks; `appCb` application callbacks. */
  bot: WeComCallbacks;
  appCb: WeComCallbacks;
}

/**
 * The real HTTP server with WeCom configured (smart bot and application) on a fresh database of
 * `kind`, the fake WeCom API behind WECOM_API_BASE, and callback builders on the test clock.
 */
export function useWeComServer(kind: Kind, env: Record<string, string> = {}, start?: string): () => WeComServer {
  const server = useServer(
    kind,
    () => new FakeWeCom(),
    (fake) => {
      fake.corpId = APP_CORP;
      return {
        WECOM_BOT_TOKEN: BOT_KEYS.token,
        WECOM_BOT_AES_KEY: BOT_KEYS.aesKey,
        WECOM_CORP_ID: APP_CORP,
        WECOM_APP_TOKEN: APP_KEYS.token,
        WECOM_APP_AES_KEY: APP_KEYS.aesKey,
        WECOM_AGENT_ID: AGENT_ID,
        WECOM_APP_SECRET: fake.secret,
        WECOM_API_BASE: fake.base,
        ...env,
      };
    },
    start,
  );
  return () => {
    const s = server();
    return { ...s, bot: new WeComCallbacks(BOT_KEYS, s.clock.read), appCb: new WeComCallbacks(APP_KEYS, s.clock.read) };
  };
}
