import type Router from '@koa/router';
import { givenOnceWritten } from '../deps.js';
import { readText } from '../http-body.js';
import { within } from '../inflight.js';
import { markdownReply, RobotMessage } from './message.js';
import { handleRobotMessage, receiveRobotMessage, replyLate, type DingTalkDeps } from './receive.js';
import { signRefusal } from './sign.js';

/**
 * HTTP mode (DINGTALK_MODE=http): DingTalk POSTs each robot message to /dingtalk/bot with
 * headers `timestamp` (ms) and `sign` = Base64(HMAC-SHA256(app secret, timestamp + "\n" + app
 * secret)). Verified before the body is read, written to the inbox before it is answered; the
 * reply goes in the response when it is ready within the wait, otherwise through the outbox (the
 * message's sessionWebhook while it is valid).
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
      // In the inbox before DingTalk hears back: if the database cannot take it, a 5xx, and DingTalk retries.
      await receiveRobotMessage(deps, m, deps.replyWaitMs + 1_000);
      const running = handleRobotMessage(deps, m);
      const done = await within(running, deps.replyWaitMs);
      ctx.type = 'application/json';
      if (done !== undefined && !done.retry) {
        // The reply goes in this response, and is owed no other way once the response is out.
        givenOnceWritten(ctx.res, deps, 'dingtalk', m.msgId);
        ctx.body = markdownReply(done.reply);
        return;
      }
      // It follows through the outbox (by the sessionWebhook while valid), or, when the database
      // failed it, once the inbox worker has handled it.
      void running.then((h) => replyLate(deps, m, h));
      ctx.body = {};
    });
  };
}
