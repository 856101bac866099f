import type Router from '@koa/router';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { IncomingMessage } from '../../bot/message.js';
import type { CardAction } from '../../bot/sender.js';
import { givenOnceWritten } from '../deps.js';
import { readText } from '../http-body.js';
import { within } from '../inflight.js';
import { byteLength } from '../text-limits.js';
import { open, Rejected, seal, type CallbackKeys } from './crypto.js';
import type { WeComDeps } from './deps.js';
import { guard, mountUrlCheck, query } from './callback.js';
import { APP_TEXT_BYTES } from './sender.js';
import { answerClick } from '../card-click.js';

/**
 * The self-built application (自建应用) callback at /wecom/app: admins talk to the bot in the
 * application's chat, and their clicks on approval cards come back here.
 *
 * Confirmed against the official pages (接收消息与事件 90238/90239, 事件格式 90240 模板卡片事件,
 * 被动回复消息格式 90241) and the official sample (sbzhu/weworkapi_php callback/Sample.php):
 * the body is `<xml><ToUserName/><Encrypt/><AgentID/></xml>`; the decrypted XML has `MsgType`
 * text (`Content`, `MsgId`) or event; a card click is `Event` = template_card_event with
 * `EventKey`, `TaskId`, `CardType` and `ResponseCode` (spent by update_template_card, 72 h);
 * the receive id is the CorpID; a passive reply is XML `<Encrypt/><MsgSignature/><TimeStamp/>
 * <Nonce/>` around a text message of at most 2048 bytes.
 */
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: true });

const Envelope = z.object({ xml: z.object({ Encrypt: z.string().min(1) }) });
const From = { FromUserName: z.string().min(1).max(128), CreateTime: z.string().regex(/^\d+$/) };
/**
 * A decrypted message with what we use of it required, so one that verifies but lacks it is
 * refused (400): a text its MsgId (what makes a retry one message) and Content, a card click its
 * TaskId and EventKey. Other messages and events need only the sender; nothing is done with them.
 */
const Plain = z.object({
  xml: z.union([
    z.object({ ...From, MsgType: z.literal('text'), Content: z.string(), MsgId: z.string().min(1).max(64) }),
    z.object({
      ...From,
      MsgType: z.literal('event'),
      Event: z.literal('template_card_event'),
      EventKey: z.string().min(1),
      TaskId: z.string().min(1),
      ResponseCode: z.string().optional(),
    }),
    z
      .object({ ...From, MsgType: z.string().min(1), Event: z.string().optional() })
      .refine((m) => m.MsgType !== 'text' && !(m.MsgType === 'event' && m.Event === 'template_card_event'))
      .transform((m) => ({ ...m, MsgType: 'other' as const })),
  ]),
});
type Plain = z.infer<typeof Plain>['xml'];

/** XML without a DOCTYPE (no entity tricks), well formed, of the expected shape. */
function parseXml<T>(schema: z.ZodType<T>, text: string): T {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Rejected(400, 'XML with a DOCTYPE');
  if (XMLValidator.validate(text) !== true) throw new Rejected(400, 'malformed XML');
  const r = schema.safeParse(parser.parse(text));
  if (!r.success) throw new Rejected(400, 'XML of an unexpected shape');
  return r.data;
}

export function mountWeComApp(deps: WeComDeps, keys: CallbackKeys) {
  return (router: Router) => {
    mountUrlCheck(router, '/wecom/app', keys, deps);

    router.post('/wecom/app', async (ctx) => {
      const q = query(ctx);
      const raw = await readText(ctx);
      const msg = guard(ctx, deps, () => {
        const envelope = parseXml(Envelope, raw);
        return parseXml(Plain, open(keys, q, envelope.xml.Encrypt, deps.clock())).xml;
      });
      const reply = await answer(deps, msg, (messageId) => givenOnceWritten(ctx.res, deps, 'wecom', messageId));
      if (reply === undefined) {
        ctx.status = 200;
        ctx.body = '';
        return;
      }
      const now = deps.clock();
      const plain =
        `<xml><ToUserName>${cdata(msg.FromUserName)}</ToUserName><FromUserName>${cdata(keys.receiveId)}</FromUserName>` +
        `<CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
        `<Content>${cdata(reply)}</Content></xml>`;
      const s = seal(keys, plain, q.nonce!, now);
      ctx.type = 'application/xml';
      ctx.body =
        `<xml><Encrypt>${cdata(s.encrypt)}</Encrypt><MsgSignature>${cdata(s.msgsignature)}</MsgSignature>` +
        `<TimeStamp>${s.timestamp}</TimeStamp><Nonce>${cdata(s.nonce)}</Nonce></xml>`;
    });
  };
}

/** The passive text reply, or undefined when the answer goes by the application API (or there is none). */
async function answer(deps: WeComDeps, msg: Plain, given: (messageId: string) => void): Promise<string | undefined> {
  if (msg.MsgType === 'text') {
    const message: IncomingMessage = {
      platform: 'wecom',
      chatId: `app:${msg.FromUserName}`,
      chatType: 'single',
      senderId: msg.FromUserName,
      senderName: msg.FromUserName,
      text: msg.Content,
      messageId: `app:${msg.MsgId}`,
    };
    // In the inbox first: a database that cannot take it fails the callback, and WeCom tries again.
    await deps.bot.receive(message, { userId: msg.FromUserName }, deps.replyWaitMs + 1_000);
    const running = deps.inflight.run(`wecom:${message.messageId}`, () => deps.bot.process(message));
    const done = await within(running, deps.replyWaitMs);
    if (done !== undefined && !done.retry && byteLength(done.reply) <= APP_TEXT_BYTES) {
      // Owed no other way once the response carrying it is out.
      given(message.messageId);
      return done.reply;
    }
    // Too slow or too long for a passive reply: it follows as application messages, through the
    // outbox. One the database failed is the inbox worker's to handle and answer.
    void running.then((h) => (h.retry ? undefined : deliver(deps, msg.FromUserName, () => deps.bot.replyLate('wecom', message.messageId, h.reply))));
    return undefined;
  }
  if (msg.MsgType === 'event') {
    const action: CardAction = {
      platform: 'wecom',
      userId: msg.FromUserName,
      chatId: `app:${msg.FromUserName}`,
      chatType: 'single',
      taskId: msg.TaskId,
      key: msg.EventKey,
      eventId: `card:${msg.FromUserName}:${msg.TaskId}:${msg.EventKey}:${msg.CreateTime}`,
      handle: msg.ResponseCode,
    };
    // Answered at once; the decision, the card update and the reply follow through the API.
    void answerClick(deps, deps.sender, action);
    return undefined;
  }
  return undefined;
}

/** Sends and logs a failure (with WeCom's message); a failed send never takes the callback down. */
async function deliver(deps: WeComDeps, userId: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    deps.logger.error({ err, userId }, 'wecom application reply failed to be queued; the inbox worker sends it');
  }
}

/** A CDATA section that survives a `]]>` inside the text. */
function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
