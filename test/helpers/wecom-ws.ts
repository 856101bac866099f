import { FakeWeComWs } from '../fakes/wecom-ws.js';
import type { Kind } from './db.js';
import { useServer, type TestServer } from './server.js';

export type WeComWsServer = TestServer<FakeWeComWs>;

/** The settings that point the smart bot's long connection at a fake WeCom long-connection server. */
export function weComWsEnv(fake: FakeWeComWs): Record<string, string> {
  return { WECOM_BOT_ID: fake.botId, WECOM_BOT_SECRET: fake.secret, WECOM_WS_URL: fake.url };
}

/**
 * The real server with the WeCom smart bot over the long connection, against a fake long-connection
 * server, on a fresh database of `kind`; resolves once the bot's connection is subscribed.
 */
export function useWeComWsServer(kind: Kind, env: Record<string, string> = {}, start?: string): () => WeComWsServer {
  return useServer(kind, () => new FakeWeComWs(), (fake) => ({ ...weComWsEnv(fake), ...env }), start);
}
