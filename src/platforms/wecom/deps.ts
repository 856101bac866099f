import type { PlatformDeps } from '../deps.js';
import type { WeComSender } from './sender.js';

/** What the WeCom callbacks work with. */
export interface WeComDeps extends PlatformDeps {
  sender: WeComSender;
}
