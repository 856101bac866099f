import type Router from '@koa/router';
import { readText } from '../http-body.js';
import { within } from '../inflight.js';
import { markdownReply, RobotMessage } from './message.js';
import { handleRobotMessage, replyBySession, type DingTalkDeps } from './receive.js';
import { signRefusal } from './sign.js';

/**
 * HTTP mode (DINGTALK_MODE=http): DingTalk POSTs each robot message to /dingtalk/bot with
 * headers `timestamp` (ms) and `sign` = Base64(HMAC-SHA256(app secret, timestamp + "\n" + app
 * secret)). Verified before the body is read; the reply goes in the response when it is ready
 * within the wait, otherwise through the message's sessionWebhook.
 */
export function mountDingTalkHttp(deps: DingTalkDeps, appSecret: string) {
  return (router: Router) => {
    router.post('/dingtalk/bot', async (ctx) => {
      const refused = (status: number, reason: string) => {
        deps.logger.warn({ path: ctx.path, reason }, 'dingtalk callback refused');
        ctx.throw(status, 'refused');
      };
      const why = signRefusal(appSecret, ctx.get('timestamp') || undefined, ctx.get('sign') || undefined, deps.clock());
      if (why) return refused(401, why);
      const raw = await readText(ctx);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return refused(400, 'body is not JSON');
      }
      const r = RobotMessage.safeParse(body);
      if (!r.success) return refused(400, 'not a robot message');
      const m = r.data;
      // The reply goes once: in this response if it is ready while we wait, else by sessionWebhook.
      // The choice is made in one synchronous step after the wait, so the two cannot both happen.
      let mode: 'waiting' | 'response' | 'session' = 'waiting';
      const running = handleRobotMessage(deps, m, async (reply) => {
        if (mode !== 'waiting') return replyBySession(deps, m, reply);
        mode = 'response';
        return true;
      });
      const reply = await within(running, deps.replyWaitMs);
      if (mode === 'waiting') mode = reply === undefined ? 'session' : 'response';
      ctx.type = 'application/json';
      ctx.body = mode === 'response' ? markdownReply(await running) : {};
    });
  };
}
