import { FakeDingTalk } from '../fakes/dingtalk.js';
import type { Kind } from './db.js';
import { useServer, type TestServer } from './server.js';

export type DingTalkServer = TestServer<FakeDingTalk>;

/** The settings that point the real DingTalk client at a fake DingTalk. */
export function dingTalkEnv(fake: FakeDingTalk): Record<string, string> {
  return {
    DINGTALK_CLIENT_ID: fake.clientId,
    DINGTALK_CLIENT_SECRET: fake.clientSecret,
    DINGTALK_API_BASE: fake.base,
    DINGTALK_OAPI_BASE: fake.base,
  };
}

/**
 * The real server with DingTalk configured against a fake DingTalk (gateway, OpenAPI, robots),
 * on a fresh database of `kind`. Stream mode unless `env` says DINGTALK_MODE=http. The fake
 * checks signatures and session expiry against the test clock.
 */
export function useDingTalkServer(kind: Kind, env: Record<string, string> = {}, start?: string): () => DingTalkServer {
  return useServer(
    kind,
    () => new FakeDingTalk(),
    (fake, clock) => {
      fake.now = () => clock.now.getTime();
      return { ...dingTalkEnv(fake), ...env };
    },
    start,
  );
}
