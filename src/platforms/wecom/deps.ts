import type { PlatformDeps } from '../deps.js';
import type { CallbackKeys } from './crypto.js';
import type { WeComSender } from './sender.js';

/** What the WeCom callbacks work with; `botKeys` / `appKeys` are set when that part is configured. */
export interface WeComDeps extends PlatformDeps {
  botKeys?: CallbackKeys;
  appKeys?: CallbackKeys;
  sender: WeComSender;
}
