import { z } from 'zod';
import type { Handled } from '../../bot/message.js';
import type { CardAction, ReplyRoute } from '../../bot/sender.js';
import type { PlatformDeps } from '../deps.js';
import type { DingTalkApi } from './api.js';
import { toIncoming, type RobotMessage } from './message.js';
import type { DingTalkSender } from './sender.js';

/** What DingTalk's receivers (Stream and HTTP mode) work with. */
export interface DingTalkDeps extends PlatformDeps {
  api: DingTalkApi;
  sender: DingTalkSender;
}

/**
 * Writes a robot message to the inbox, with where its reply goes when it misses the callback:
 * the sessionWebhook while it is valid, else the group or the person. Throws when the database
 * cannot take it: the platform must not be told it arrived (HTTP mode answers 5xx, Stream mode
 * does not acknowledge the frame), so DingTalk delivers it again.
 */
export function receiveRobotMessage(deps: DingTalkDeps, m: RobotMessage, replyAfterMs: number): Promise<void> {
  const group = m.conversationType === '2';
  const route: ReplyRoute = {
    session: m.sessionWebhook,
    sessionUntil: m.sessionWebhookExpiredTime,
    ...(group ? { conversationId: m.conversationId } : { userId: m.senderStaffId || m.senderId }),
  };
  return deps.bot.receive(toIncoming(m), route, replyAfterMs);
}

/**
 * Handles a robot message from the inbox, once per msgId in this process: a redelivered frame
 * (Stream mode redelivers what was not acknowledged for about 60 s) joins the run under way, or
 * finds it done. The bot's record of processed messages makes the effect once across instances
 * too. A run the database failed is not kept: the next delivery, or the inbox worker, runs it again.
 */
export function handleRobotMessage(deps: DingTalkDeps, m: RobotMessage): Promise<Handled> {
  return deps.inflight.runOnce(`dingtalk:${m.msgId}`, () => deps.bot.process(toIncoming(m)), (h) => !h.retry);
}

/**
 * A reply that missed its callback, through the outbox (queued, then sent at once): once per
 * message across instances. A failure is logged, never thrown at the transport.
 */
export async function replyLate(deps: DingTalkDeps, m: RobotMessage, handled: Handled): Promise<void> {
  if (handled.retry) return; // the inbox worker handles it and replies
  try {
    await deps.bot.replyLate('dingtalk', m.msgId, handled.reply);
  } catch (err) {
    deps.logger.error({ err, msgId: m.msgId }, 'dingtalk reply not queued; the inbox worker queues it');
  }
}

/**
 * A card click (TOPIC_CARD `data`), as the official SDKs parse it: `outTrackId`, the clicking
 * `userId`, and `content` (or `value`), a JSON string with `cardPrivateData.actionIds` and the
 * button's 回传参数 (open-dingtalk/dingtalk-stream-sdk-python card_callback_message.py; DingTalk's
 * 互动卡片 approval-card tutorial, 步骤五 响应用户点击操作).
 */
export const CardCallback = z.object({
  outTrackId: z.string().min(1).max(256),
  userId: z.string().min(1).max(128),
  content: z.string().optional(),
  value: z.string().optional(),
});

const Params = z.record(z.string(), z.unknown());
const PrivateData = z.object({
  cardPrivateData: z.object({ actionIds: z.array(z.string()).default([]), params: Params.optional() }),
  params: Params.optional(),
});

/** The normalised click, or undefined when the callback carries no action. */
export function toCardAction(data: z.infer<typeof CardCallback>, eventId: string): CardAction | undefined {
  let parsed: z.infer<typeof PrivateData> | undefined;
  try {
    const r = PrivateData.safeParse(JSON.parse(data.content ?? data.value ?? '{}'));
    parsed = r.success ? r.data : undefined;
  } catch {
    parsed = undefined;
  }
  // A button's 回传参数 arrive in cardPrivateData.params (the official card tutorial's example shows
  // them beside cardPrivateData): `{"action": "approve"}` names the button; else its action id does.
  const params = { ...parsed?.params, ...parsed?.cardPrivateData.params };
  const named = [params.action, params.key].find((v): v is string => typeof v === 'string');
  const key = named ?? parsed?.cardPrivateData.actionIds[0];
  if (!key) return undefined;
  return {
    platform: 'dingtalk',
    userId: data.userId,
    chatId: `single:${data.userId}`,
    chatType: 'single',
    taskId: data.outTrackId,
    key,
    eventId,
    handle: data.outTrackId,
  };
}

