import { z } from 'zod';
import type { CardAction } from '../../bot/sender.js';
import { handled, type PlatformDeps } from '../deps.js';
import type { DingTalkApi } from './api.js';
import { markdownReply, toIncoming, type RobotMessage } from './message.js';
import type { DingTalkSender } from './sender.js';

/** What DingTalk's receivers (Stream and HTTP mode) work with. */
export interface DingTalkDeps extends PlatformDeps {
  api: DingTalkApi;
  sender: DingTalkSender;
}

/**
 * Runs a robot message once per msgId in this process and answers it once: a redelivered frame
 * (Stream mode redelivers what was not acknowledged for about 60 s) joins the run under way, or
 * finds it done, and sends nothing twice. The bot's record of processed messages makes the effect
 * once across instances too. Only a run that was handled and answered is kept: after the bot's
 * apology (e.g. the database was locked) or a reply that did not go, the next delivery runs again
 * (the bot then answers a message it did handle with its stored reply, and has no second effect).
 * `deliver` says whether the reply went.
 */
export function handleRobotMessage(deps: DingTalkDeps, m: RobotMessage, deliver: (reply: string) => Promise<boolean>): Promise<string> {
  let delivered = false;
  return deps.inflight.runOnce(
    `dingtalk:${m.msgId}`,
    async () => {
      const reply = await deps.bot.handle(toIncoming(m));
      delivered = await deliver(reply);
      return reply;
    },
    (reply) => delivered && handled(reply),
  );
}

/**
 * Answers a message through its sessionWebhook while it is valid; after that through the app
 * robot (the group, or the person). A failure is logged, never thrown at the transport; the
 * result says whether the reply went.
 */
export async function replyBySession(deps: DingTalkDeps, m: RobotMessage, reply: string): Promise<boolean> {
  try {
    if (m.sessionWebhook && (m.sessionWebhookExpiredTime ?? Infinity) > deps.clock().getTime()) {
      await deps.api.sessionReply(m.sessionWebhook, markdownReply(reply));
    } else if (m.conversationType === '2') {
      await deps.sender.sendToChat(m.conversationId, reply);
    } else {
      await deps.sender.sendText(m.senderStaffId || m.senderId, reply);
    }
    return true;
  } catch (err) {
    deps.logger.error({ err, msgId: m.msgId }, 'dingtalk reply failed');
    return false;
  }
}

/**
 * replyBySession once per message across instances: a frame whose ack was lost comes again,
 * perhaps to another instance's connection, which then finds the reply already sent. False when
 * the reply failed to go (its claim is given back for the next delivery).
 */
export async function replyOnce(deps: DingTalkDeps, m: RobotMessage, reply: string): Promise<boolean> {
  if (!(await deps.bot.claimReply('dingtalk', m.msgId))) return true;
  if (await replyBySession(deps, m, reply)) return true;
  await deps.bot.releaseReply('dingtalk', m.msgId);
  return false;
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

