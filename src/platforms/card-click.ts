import type { CardAction, PlatformSender } from '../bot/sender.js';
import { handled, type PlatformDeps } from './deps.js';

/**
 * Answers a card click on any platform: the bot decides, the clicked card shows
 * the decision (where the click carries a handle for it), and the clicker gets the reply as a
 * message. Once per click id in this process (a click the bot could not handle runs again when it
 * comes again); a failed send is logged, never thrown.
 */
export async function answerClick(deps: PlatformDeps, sender: PlatformSender, action: CardAction): Promise<string> {
  const run = deps.inflight.runOnce(`${action.platform}:${action.eventId}`, async () => {
    const result = await deps.bot.handleAction(action);
    const attempt = async (what: string, send: () => Promise<void> | undefined) => {
      try {
        await send();
      } catch (err) {
        deps.logger.error({ err, userId: action.userId, what }, 'card answer failed');
      }
    };
    const { card } = result;
    const handle = action.handle;
    if (card && handle) await attempt('card update', () => sender.updateCard?.([action.userId], handle, card));
    await attempt('reply', () => sender.sendText?.(action.userId, result.reply));
    return { reply: result.reply, retry: !handled(result.reply) };
  }, (h) => !h.retry);
  return (await run).reply;
}
