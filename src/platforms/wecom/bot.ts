import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { IncomingMessage } from '../../bot/message.js';
import type { CardAction } from '../../bot/sender.js';
import { takePicture } from '../../charts/reply-picture.js';
import { t } from '../../texts.js';
import { givenOnceWritten } from '../deps.js';
import { readText } from '../http-body.js';
import { within } from '../inflight.js';
import { truncateBytes } from '../text-limits.js';
import { guard, mountUrlCheck, query } from './callback.js';
import { open, Rejected, seal, type CallbackKeys } from './crypto.js';
import type { WeComDeps } from './deps.js';

/**
 * The smart bot (智能机器人) callback at /wecom/bot: how group members reach us.
 *
 * Confirmed against the official pages (智能机器人: 接收消息 100719, 接收事件 101027, 被动回复
 * 消息 101031, 回调和回复的加解密方案 101033) and public implementations of them:
 * - a message is JSON `{msgid, aibotid, chatid, chattype, from.userid, response_url, msgtype,
 *   text.content}`; in groups only messages that @-mention the bot arrive, mention included;
 * - the receive id is "" for an internal smart bot;
 * - a text reply must be a `stream` message; while it is not `finish`ed WeCom keeps sending
 *   `msgtype: "stream"` refresh callbacks with `stream.id` (for up to 6 minutes), each answered
 *   with the stream's current content;
 * - events come as `msgtype: "event"` with `event.eventtype` and a body under that name, e.g.
 *   `event.template_card_event.{card_type, event_key, task_id}`; a card is updated by a passive
 *   reply `{response_type: "update_template_card", template_card}` within 5 s; `enter_chat` may be
 *   answered with a plain `text` message;
 * - the passive reply is `{encrypt, msgsignature, timestamp, nonce}` with the callback's nonce.
 */
const Envelope = z.object({
  msgid: z.string().min(1).max(256),
  // Absent (or empty) in a single chat.
  chatid: z.string().max(256).optional(),
  chattype: z.enum(['group', 'single']).default('single'),
  from: z.object({ userid: z.string().min(1).max(128) }),
  // Where a reply may still be posted once (for an hour) after the stream's refreshes stop.
  response_url: z.string().url().max(2048).optional(),
});
const KNOWN_TYPES = ['text', 'mixed', 'stream', 'event'];
/**
 * Each message type with what we use of it required, so a callback that verifies but lacks it is
 * refused (400) rather than failing later: a group message names its chat, a text its content, a
 * stream refresh its stream id, a card click its task and button. Other types (pictures, voice,
 * files) need only the envelope: they are answered politely.
 */
const Incoming = z
  .union([
    Envelope.extend({ msgtype: z.literal('text'), text: z.object({ content: z.string() }) }),
    Envelope.extend({
      msgtype: z.literal('mixed'),
      mixed: z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string() }).optional() })) }),
    }),
    Envelope.extend({ msgtype: z.literal('stream'), stream: z.object({ id: z.string().min(1).max(256) }) }),
    Envelope.extend({
      msgtype: z.literal('event'),
      event: z.union([
        z.object({
          eventtype: z.literal('template_card_event'),
          // Spelled both ways in WeCom's pages: task_id / taskid, event_key / eventkey.
          template_card_event: z
            .object({
              event_key: z.string().min(1).optional(),
              eventkey: z.string().min(1).optional(),
              task_id: z.string().min(1).optional(),
              taskid: z.string().min(1).optional(),
            })
            .transform((c, ctx) => {
              const taskId = c.task_id ?? c.taskid;
              const key = c.event_key ?? c.eventkey;
              if (taskId !== undefined && key !== undefined) return { taskId, key };
              ctx.addIssue({ code: 'custom', message: 'a click names its card and button' });
              return z.NEVER;
            }),
        }),
        // enter_chat, and events we do not act on.
        z.object({ eventtype: z.string().min(1).refine((e) => e !== 'template_card_event') }),
      ]),
    }),
    Envelope.extend({ msgtype: z.string().min(1).refine((m) => !KNOWN_TYPES.includes(m)).transform(() => 'other' as const) }),
  ])
  // Where the reply or a follow-up question goes: a group message or click names its group.
  .refine((m) => m.msgtype === 'stream' || m.msgtype === 'other' || m.chattype !== 'group' || Boolean(m.chatid), 'a group message names its chat');
type Incoming = z.infer<typeof Incoming>;

/** Stream content is at most 20480 bytes. */
const STREAM_BYTES = 20_480;
/**
 * After this long a stream whose reply is nowhere to be found is closed with an apology (WeCom
 * refreshes a stream for up to 6 minutes). A message still in the inbox then (its process died,
 * or the database was down) is answered by its response_url once handled (src/inbox).
 */
const STREAM_GIVE_UP_MS = 5 * 60_000;

export function mountWeComBot(deps: WeComDeps, keys: CallbackKeys) {
  return (router: Router) => {
    mountUrlCheck(router, '/wecom/bot', keys, deps);

    router.post('/wecom/bot', async (ctx) => {
      const q = query(ctx);
      const raw = await readText(ctx);
      const msg = guard(ctx, deps, () => {
        const encrypted = (parseJson(raw, 'body is not JSON') as { encrypt?: unknown } | null)?.encrypt;
        const plain = open(keys, q, typeof encrypted === 'string' ? encrypted : undefined, deps.clock());
        const r = Incoming.safeParse(parseJson(plain, 'decrypted message is not JSON'));
        if (!r.success) throw new Rejected(400, 'decrypted message is not a smart bot message');
        return r.data;
      });
      const reply = await answer(deps, msg, (messageId) => givenOnceSent(ctx, deps, messageId));
      if (reply === undefined) {
        ctx.status = 200;
        ctx.body = '';
        return;
      }
      ctx.type = 'application/json';
      ctx.body = seal(keys, JSON.stringify(reply), q.nonce!, deps.clock());
    });
  };
}

/** Called when the answer carries a message's reply: it is marked given once the answer is sent. */
type Given = (messageId: string) => void;

/** Marks a message's reply as given once the response carrying it is out (none is then owed by its response_url). */
function givenOnceSent(ctx: Context, deps: WeComDeps, messageId: string): void {
  givenOnceWritten(ctx.res, deps, 'wecom', messageId);
}

/** The plaintext reply for one verified message, or undefined for none. */
async function answer(deps: WeComDeps, msg: Incoming, given: Given): Promise<object | undefined> {
  switch (msg.msgtype) {
    case 'text':
      return replyTo(deps, toMessage(msg, msg.text.content), msg.response_url, given);
    case 'mixed':
      return replyTo(deps, toMessage(msg, msg.mixed.msg_item.map((i) => i.text?.content ?? '').join(' ')), msg.response_url, given);
    case 'stream':
      return refresh(deps, msg.stream.id, given);
    case 'event':
      return event(deps, msg);
    case 'other':
      // Pictures, voice and files: not something a command can use.
      return stream(streamId(msg.msgid, deps.clock()), t('platforms.wecom.textOnly'), true);
  }
}

function toMessage(msg: Incoming, text: string): IncomingMessage {
  // A group message or click always names its chat (Incoming requires it).
  const group = msg.chattype === 'group' ? msg.chatid : undefined;
  return {
    platform: 'wecom',
    chatId: group ?? `single:${msg.from.userid}`,
    chatType: group ? 'group' : 'single',
    senderId: msg.from.userid,
    senderName: msg.from.userid,
    text,
    messageId: msg.msgid,
  };
}

/**
 * Writes the message to the inbox (a database that cannot take it fails the callback, so WeCom
 * tries again), runs the command, and answers with its reply when it is ready within the wait;
 * otherwise answers "working" and lets the stream refreshes fetch the reply from the inbox when it
 * is done, here or on any instance. A retry of the same msgid joins the run already under way.
 */
async function replyTo(deps: WeComDeps, message: IncomingMessage, responseUrl: string | undefined, given: Given) {
  const id = streamId(message.messageId, deps.clock());
  const route = responseUrl ? { responseUrl } : undefined;
  // A pure read (排行) answered within the wait is acknowledged by its answer: nothing to record,
  // nothing owed. Not answered in time, it is recorded like any message before "working" goes out.
  const read = deps.bot.isPureRead?.(message) ?? false;
  if (!read) await deps.bot.receive(message, route, STREAM_GIVE_UP_MS);
  const running = deps.inflight.run(`wecom:${message.messageId}`, () => deps.bot.process(message, { unrecorded: read }));
  const done = await within(running, deps.replyWaitMs);
  if (done === undefined || done.retry) {
    if (read) await deps.bot.receive(message, route, STREAM_GIVE_UP_MS);
    return stream(id, t('platforms.wecom.working'), false);
  }
  if (!read) given(message.messageId);
  return stream(id, done.reply, true);
}

/** A stream refresh: the reply once it is stored, "working" until then, an apology when it is lost. */
async function refresh(deps: WeComDeps, id: string, given: Given) {
  const parsed = parseStreamId(id);
  if (!parsed) return stream(id, t('platforms.wecom.lost'), true);
  // This instance ran it (its reply may be one that was not stored, such as an apology)…
  const local = deps.inflight.result(`wecom:${parsed.messageId}`);
  const reply = local && !local.retry ? local.reply : await deps.bot.storedReply('wecom', parsed.messageId);
  // …or another instance (or the inbox worker) did, and stored it.
  if (reply) {
    // The reply goes in the stream: none is owed by the response_url once it is sent.
    given(parsed.messageId);
    return stream(id, reply, true);
  }
  const waiting = deps.inflight.has(`wecom:${parsed.messageId}`) || deps.clock().getTime() - parsed.at < STREAM_GIVE_UP_MS;
  return waiting ? stream(id, t('platforms.wecom.working'), false) : stream(id, t('platforms.wecom.lost'), true);
}

async function event(deps: WeComDeps, msg: Extract<Incoming, { msgtype: 'event' }>) {
  const ev = msg.event;
  if (ev.eventtype === 'enter_chat') {
    return { msgtype: 'text', text: { content: t('platforms.wecom.welcome') } };
  }
  if (!('template_card_event' in ev)) return undefined;
  const { taskId, key } = ev.template_card_event;
  const where = toMessage(msg, '');
  const action: CardAction = {
    platform: 'wecom',
    userId: msg.from.userid,
    chatId: where.chatId,
    chatType: where.chatType,
    taskId,
    key,
    eventId: msg.msgid,
  };
  const result = await deps.bot.handleAction(action);
  // The clicked card becomes a notice of what happened: same task_id, no buttons left to press.
  return {
    response_type: 'update_template_card',
    template_card: {
      card_type: 'text_notice',
      task_id: taskId,
      main_title: { title: result.card?.text ?? t('platforms.wecom.cardReceived') },
      sub_title_text: truncateBytes(result.reply, 300),
      card_action: { type: 0 },
    },
  };
}

function stream(id: string, content: string, finish: boolean) {
  // A picture riding on the reply (排行图) goes in the final frame's msg_item (WeCom takes it only with finish).
  const { text, picture } = takePicture(content);
  const items = finish && picture ? { msg_item: [{ msgtype: 'image', image: picture }] } : {};
  return { msgtype: 'stream', stream: { id, finish, content: truncateBytes(text, STREAM_BYTES), ...items } };
}

/**
 * A stream id any instance can resolve without shared memory: when the message came, and its
 * msgid (base64url), so a refresh reaching another instance finds the stored reply.
 */
export function streamId(messageId: string, at: Date): string {
  return `${at.getTime().toString(36)}.${Buffer.from(messageId).toString('base64url')}`;
}

function parseStreamId(id: string): { at: number; messageId: string } | undefined {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]+)$/.exec(id);
  if (!m) return undefined;
  return { at: parseInt(m[1], 36), messageId: Buffer.from(m[2], 'base64url').toString() };
}

function parseJson(text: string, refusal: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Rejected(400, refusal);
  }
}

/** What the smart bot's long connection (long-connection-receive.ts) shares with this callback. */
export { Incoming as SmartBotMessage, toMessage as toSmartBotMessage, event as answerSmartBotEvent };
