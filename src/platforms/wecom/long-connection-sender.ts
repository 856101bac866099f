import { SendError, type OutgoingPicture, type ReplyRoute } from '../../bot/sender.js';
import { takePicture } from '../../charts/reply-picture.js';
import { splitBytes, truncateBytes } from '../text-limits.js';
import type { WeComApi } from './api.js';
import { BAD_REQ_ID, STREAM_EXPIRED, type WeComLongConnection } from './long-connection.js';
import { WEBHOOK_MARKDOWN_BYTES, WeComSender } from './sender.js';

/** Stream content is at most 20480 bytes (智能机器人 被动回复消息, 101031). */
export const STREAM_BYTES = 20_480;
/** How a long-connection message's reply route says so (`ReplyRoute.via`). */
export const LONG_CONNECTION_ROUTE = 'wecom-ws';

/**
 * A stream frame's body. The finished frame carries a reply's picture (a chart riding at the end
 * of the reply, see reply-picture.ts) as `msg_item`, which WeCom takes only with `finish: true`.
 */
export function streamBody(id: string, content: string, finish: boolean) {
  const { text, picture } = finish ? takePicture(content) : { text: content, picture: undefined };
  const items = picture ? { msg_item: [{ msgtype: 'image', image: picture }] } : {};
  return { msgtype: 'stream', stream: { id, finish, content: truncateBytes(text, STREAM_BYTES), ...items } };
}

/**
 * WeCom's sender when the smart bot runs over the long connection: everything WeComSender does
 * (group-robot pushes by address, the application's cards and texts), and besides:
 * - markdown and pictures to any chat the smart bot is in (`aibot_send_msg`; a picture is uploaded
 *   over the connection first), without a push address — the outbox paces them like a group
 *   robot's: one message per chat every 3.1 s, under 20 a minute (WeCom has not published this
 *   channel's limit; third parties cite 30 a minute and 1,000 an hour per chat);
 * - late replies to long-connection messages: the finished stream on the message's req_id while
 *   WeCom still takes it (about 6 minutes), else a new message to the chat.
 * Only the instance holding the connection can send; on the others a send fails as transient and
 * the outbox tries again (any instance's worker may take it, the holder's among them).
 */
/** Media uploaded over the connection are valid for 3 days: reused for 2. */
const MEDIA_REUSE_MS = 2 * 24 * 3_600_000;

/** `aibot_send_msg` takes a group's chatid, or a person's userid for a single chat. */
function recipient(chatId: string): string {
  return chatId.startsWith('single:') ? chatId.slice('single:'.length) : chatId;
}

export class WeComLongConnectionSender extends WeComSender {
  constructor(
    api: WeComApi,
    o: { base: string; agentId?: number },
    readonly connection: WeComLongConnection,
  ) {
    super(api, o);
  }

  get reachesChats(): boolean {
    return true;
  }

  async sendToChat(chatId: string, markdown: string): Promise<void> {
    for (const content of splitBytes(markdown, WEBHOOK_MARKDOWN_BYTES)) {
      await this.connection.send(recipient(chatId), { msgtype: 'markdown', markdown: { content } });
    }
  }

  /**
   * A picture to a chat: uploaded over the connection once per picture while its media_id is
   * valid (a chart shared by several groups goes up once), then sent as an image message.
   */
  async sendImageToChat(chatId: string, picture: OutgoingPicture): Promise<void> {
    const now = Date.now();
    let media = this.media.get(picture.md5);
    if (!media || media.until <= now) {
      this.media.delete(picture.md5);
      media = { id: await this.connection.uploadImage(picture.png, `${picture.md5}.png`), until: now + MEDIA_REUSE_MS };
      for (const [md5, m] of this.media) if (m.until <= now) this.media.delete(md5);
      this.media.set(picture.md5, media);
    }
    await this.connection.send(recipient(chatId), { msgtype: 'image', image: { media_id: media.id } });
  }

  /** Uploaded pictures' media_ids by the picture's md5. */
  private readonly media = new Map<string, { id: string; until: number }>();

  override async sendReply(route: ReplyRoute, text: string): Promise<void> {
    if (route.via !== LONG_CONNECTION_ROUTE) return super.sendReply(route, text);
    const { reqId, streamId, chatId } = route;
    if (typeof reqId !== 'string' || typeof streamId !== 'string' || typeof chatId !== 'string') {
      throw new SendError('permanent', 'a WeCom long-connection reply route names its req_id, stream and chat');
    }
    try {
      await this.connection.reply(reqId, streamBody(streamId, text, true));
      return;
    } catch (err) {
      // The stream is past its time, or the req_id died with the connection it came on: a new message.
      const gone = err instanceof SendError && (err.code === STREAM_EXPIRED || err.code === BAD_REQ_ID);
      if (!gone) throw err;
    }
    await this.sendToChat(chatId, takePicture(text).text);
  }
}
