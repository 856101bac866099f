import type { WsFrame } from '@wecom/aibot-node-sdk';
import type { Lease } from '../../db/lease.js';
import { t } from '../../texts.js';
import { within } from '../inflight.js';
import { platformDeps, type Receiver, type ReceiverDeps } from '../receiver.js';
import { answerSmartBotEvent, SmartBotMessage, streamId, toSmartBotMessage } from './bot.js';
import type { WeComDeps } from './deps.js';
import type { WeComLongConnection } from './long-connection.js';
import { LONG_CONNECTION_ROUTE, streamBody, WeComLongConnectionSender } from './long-connection-sender.js';
import type { WeComSender } from './sender.js';

/**
 * The smart bot over the long connection: on when WECOM_BOT_ID and WECOM_BOT_SECRET are set (the
 * sender is then a WeComLongConnectionSender, which owns the connection). Only the instance
 * holding the bot's lease connects (long-connection.ts).
 */
export function createLongConnectionReceiver(
  deps: ReceiverDeps<WeComSender> & { lease?: (name: string, ttlMs: number) => Lease; retryNow?: (platform: string) => Promise<number> },
): Receiver {
  const sender = deps.sender;
  if (!(sender instanceof WeComLongConnectionSender) || !deps.lease) return { platform: 'wecom', enabled: [] };
  const connection = sender.connection;
  const wecom: WeComDeps = { ...platformDeps(deps, 'wecom', deps.config.WECOM_REPLY_WAIT_MS), sender };
  const lease = deps.lease(connection.leaseName, connection.leaseTtlMs);
  return {
    platform: 'wecom',
    enabled: ['wecom-bot-long-connection'],
    start: () =>
      connection.start(lease, {
        ...longConnectionHandlers(wecom, connection),
        // Sends that failed on an instance without the connection (a takeover) go now, not after their back-off.
        subscribed: () => {
          deps.retryNow?.('wecom').then(
            (n) => n > 0 && wecom.logger.info({ messages: n }, 'wecom long connection up: messages waiting for it are due now'),
            (err: unknown) => wecom.logger.warn({ err }, 'wecom long connection up: waiting messages not moved; they go after their back-off'),
          );
        },
      }),
    stop: () => connection.stop(),
    status: () => connection.status(),
  };
}

/** What the connection does with the frames WeCom pushes: each handled apart, failures logged. */
export function longConnectionHandlers(deps: WeComDeps, connection: WeComLongConnection) {
  const guarded = (what: string, work: (frame: WsFrame) => Promise<void>) => (frame: WsFrame) => {
    work(frame).catch((err: unknown) => deps.logger.error({ err, reqId: frame.headers?.req_id }, `wecom long connection ${what} failed`));
  };
  return {
    message: guarded('message', (frame) => onMessage(deps, connection, frame)),
    event: guarded('event', (frame) => onEvent(deps, connection, frame)),
  };
}

const stream = streamBody;

/**
 * An `aibot_msg_callback`: the same message as the callback's, handled the same way. It is
 * written to the inbox first, with its reply route (this req_id and stream, and the chat); then
 * handled, and answered on its req_id with a finished stream — after a "working" frame when the
 * reply takes longer than WECOM_REPLY_WAIT_MS. The reply goes through the outbox like every late
 * reply (inbox.replyLate), so a crash between its queuing and its sending loses nothing. A message
 * the database could not take is answered with the apology. A crash after the inbox write leaves
 * the row to the inbox worker, which handles it and sends the reply the same way.
 */
async function onMessage(deps: WeComDeps, connection: WeComLongConnection, frame: WsFrame): Promise<void> {
  const reqId = frame.headers.req_id;
  const r = SmartBotMessage.safeParse(frame.body);
  if (!r.success) {
    deps.logger.warn({ reqId }, 'wecom long connection message refused: not a smart bot message');
    return;
  }
  const msg = r.data;
  const id = streamId(msg.msgid, deps.clock());
  let text: string;
  switch (msg.msgtype) {
    case 'text':
      text = msg.text.content;
      break;
    case 'mixed':
      text = msg.mixed.msg_item.map((i) => i.text?.content ?? '').join(' ');
      break;
    case 'other':
      await connection.reply(reqId, stream(id, t('platforms.wecom.textOnly'), true));
      return;
    default:
      // Stream refreshes and events do not come as messages on the long connection.
      deps.logger.warn({ reqId, msgtype: msg.msgtype }, 'wecom long connection message ignored');
      return;
  }
  const message = toSmartBotMessage(msg, text);
  const route = { via: LONG_CONNECTION_ROUTE, reqId, streamId: id, chatId: message.chatType === 'group' ? message.chatId : msg.from.userid };
  try {
    await deps.bot.receive(message, route, 0);
  } catch (err) {
    deps.logger.error({ err, msgid: msg.msgid }, 'wecom long connection message not recorded; answered with the apology');
    await connection.reply(reqId, stream(id, t('bot.apology'), true));
    return;
  }
  const running = deps.inflight.run(`wecom:${msg.msgid}`, () => deps.bot.process(message));
  let done = await within(running, deps.replyWaitMs);
  if (done === undefined || done.retry) {
    await connection.reply(reqId, stream(id, t('platforms.wecom.working'), false)).catch((err: unknown) => {
      deps.logger.warn({ err, msgid: msg.msgid }, 'wecom long connection: "working" frame not taken');
    });
    done ??= await running;
  }
  // The database failed it: the inbox worker handles it again and sends the reply late.
  if (done.retry) return;
  // Through the outbox, once per message across instances: marked as owed and queued in one
  // transaction, then sent at once on this req_id (WeComLongConnectionSender.sendReply). A process
  // that dies in between leaves the queued reply to any instance's outbox worker.
  await deps.bot.replyLate('wecom', msg.msgid, done.reply);
}

/**
 * An `aibot_event_callback`, answered like the callback's events: `enter_chat` with the welcome
 * (`aibot_respond_welcome_msg`), a card click with the bot's decision and the clicked card updated
 * in place (`aibot_respond_update_msg`, within WeCom's 5 s). A click's button and card are read
 * from `event.template_card_event.{event_key, task_id}` and, as the SDK's types put them, from
 * `event.{event_key, task_id}`.
 */
async function onEvent(deps: WeComDeps, connection: WeComLongConnection, frame: WsFrame): Promise<void> {
  const reqId = frame.headers.req_id;
  const body = normaliseEvent(frame.body, reqId);
  const r = SmartBotMessage.safeParse(body);
  if (!r.success || r.data.msgtype !== 'event') {
    deps.logger.warn({ reqId }, 'wecom long connection event refused: not a smart bot event');
    return;
  }
  const answer = await answerSmartBotEvent(deps, r.data);
  if (!answer) return;
  const cmd = 'response_type' in answer ? 'aibot_respond_update_msg' : 'aibot_respond_welcome_msg';
  await connection.reply(reqId, answer, cmd);
}

function normaliseEvent(body: unknown, reqId: string): unknown {
  if (!body || typeof body !== 'object') return body;
  const b = body as { msgid?: unknown; event?: Record<string, unknown> };
  const ev = b.event;
  // A click has one effect per event: its msgid, else (never seen, but not excluded) its req_id.
  const withId = { ...b, msgid: typeof b.msgid === 'string' && b.msgid ? b.msgid : reqId };
  if (!ev || ev.eventtype !== 'template_card_event') return withId;
  const nested = (ev.template_card_event ?? {}) as Record<string, unknown>;
  return {
    ...withId,
    event: {
      ...ev,
      template_card_event: {
        ...nested,
        event_key: nested.event_key ?? nested.eventkey ?? ev.event_key ?? ev.eventkey,
        task_id: nested.task_id ?? nested.taskid ?? ev.task_id ?? ev.taskid,
      },
    },
  };
}
