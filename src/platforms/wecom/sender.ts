import { UserError } from '../../domain/errors.js';
import type { ActionCard, CardUpdate, OutgoingPicture, PlatformSender, PushTarget, ReplyRoute } from '../../bot/sender.js';
import { takePicture } from '../../charts/reply-picture.js';
import { SendError } from '../../bot/sender.js';
import { splitBytes, truncateBytes, truncateChars } from '../text-limits.js';
import type { WeComApi } from './api.js';

/** Group robot markdown is at most 4096 bytes (official page 群机器人配置说明, path 91770). */
export const WEBHOOK_MARKDOWN_BYTES = 4096;
/** Group robot images are at most 2 MB before base64 (91770). */
export const WEBHOOK_IMAGE_BYTES = 2 * 1024 * 1024;
/** Application text messages are at most 2048 bytes (发送应用消息, path 90236). */
export const APP_TEXT_BYTES = 2048;

const KEY = /^[A-Za-z0-9_-]{16,80}$/;

/**
 * Every WeCom payload the bot sends is built here: group-robot markdown for pushes, and the
 * application's button_interaction template cards and texts for admins.
 */
export class WeComSender implements PlatformSender {
  readonly platform = 'wecom';

  constructor(
    private readonly api: WeComApi,
    private readonly o: { base: string; agentId?: number },
  ) {}

  /**
   * A group robot's webhook address as copied from 群设置 › 群机器人, or its bare key. Only
   * WeCom's own host (or the configured WECOM_API_BASE) is accepted: the key is always sent to
   * our configured base, never to an address someone typed.
   */
  parsePushAddress(address: string): PushTarget {
    const s = address.trim();
    if (KEY.test(s)) return { key: s };
    let url: URL | undefined;
    try {
      url = new URL(s);
    } catch {
      url = undefined;
    }
    const hosts = new Set(['qyapi.weixin.qq.com', new URL(this.o.base).host]);
    const key = url?.searchParams.get('key') ?? '';
    if (!url || !hosts.has(url.host) || !url.pathname.endsWith('/cgi-bin/webhook/send') || !KEY.test(key)) {
      throw new UserError('platforms.wecom.notPushAddress');
    }
    return { key };
  }

  /** Cards and texts to people go through the application. */
  get reachesPeople(): boolean {
    return this.api.hasApp && Boolean(this.o.agentId);
  }

  maskPushAddress(target: PushTarget): string {
    return `key=${target.key.slice(0, 4)}…${target.key.slice(-4)}`;
  }

  async pushMarkdown(target: PushTarget, markdown: string): Promise<void> {
    for (const content of splitBytes(markdown, WEBHOOK_MARKDOWN_BYTES)) {
      await this.api.webhookSend(target.key, { msgtype: 'markdown', markdown: { content } });
    }
  }

  /** A group robot takes a JPG/PNG of at most 2 MB as `{msgtype: image, image: {base64, md5}}` (群机器人配置说明, 91770). */
  readonly pushesImages = true;

  async pushImage(target: PushTarget, picture: OutgoingPicture): Promise<void> {
    if (picture.png.length > WEBHOOK_IMAGE_BYTES) throw new SendError('permanent', `picture of ${picture.png.length} bytes is over the group robot's 2 MB`);
    await this.api.webhookSend(target.key, { msgtype: 'image', image: { base64: this.base64Of(picture), md5: picture.md5 } });
  }

  /** Pictures' base64, kept as long as their bytes are (a broadcast sends each picture to many groups). */
  private readonly base64s = new WeakMap<Buffer, string>();

  private base64Of(picture: OutgoingPicture): string {
    let base64 = this.base64s.get(picture.png);
    if (base64 === undefined) {
      base64 = picture.png.toString('base64');
      this.base64s.set(picture.png, base64);
    }
    return base64;
  }

  async sendCard(userIds: string[], card: ActionCard): Promise<string | undefined> {
    const r = await this.api.messageSend({
      touser: userIds.join('|'),
      msgtype: 'template_card',
      agentid: this.agentId(),
      template_card: {
        card_type: 'button_interaction',
        task_id: card.taskId,
        // WeCom's suggested lengths: title 26, desc 30, keyname 5, value 26 characters; 6 rows, 6 buttons.
        main_title: { title: truncateChars(card.title, 26), desc: card.description ? truncateChars(card.description, 30) : undefined },
        horizontal_content_list: card.fields.slice(0, 6).map(([k, v]) => ({ keyname: truncateChars(k, 5), value: truncateChars(v, 26) })),
        button_list: card.buttons.slice(0, 6).map((b) => ({ text: truncateChars(b.text, 10), style: b.style === 'danger' ? 2 : 1, key: b.key })),
      },
    });
    return typeof r.response_code === 'string' ? r.response_code : undefined;
  }


  /** Greys the clicked card's buttons out with the decision, spending the click's single-use response code. */
  async updateCard(userIds: string[], handle: string, update: CardUpdate): Promise<void> {
    await this.api.updateTemplateCard({
      userids: userIds,
      agentid: this.agentId(),
      response_code: handle,
      button: { replace_name: truncateChars(update.text, 10) },
    });
  }

  async sendText(userId: string, text: string): Promise<void> {
    for (const content of splitBytes(text, APP_TEXT_BYTES)) {
      await this.api.messageSend({ touser: userId, msgtype: 'text', agentid: this.agentId(), text: { content } });
    }
  }

  /**
   * A late chat reply (src/inbox): to the application's user, or by the smart bot message's
   * response_url as markdown.
   */
  async sendReply(route: ReplyRoute, text: string): Promise<void> {
    if (typeof route.userId === 'string') return this.sendText(route.userId, text);
    if (typeof route.responseUrl !== 'string') throw new SendError('permanent', 'a WeCom reply route names a user or a response_url');
    // A response_url takes one message: the text, without a picture that rode on a smart bot reply.
    const content = truncateBytes(takePicture(text).text, WEBHOOK_MARKDOWN_BYTES);
    await this.api.responseSend(route.responseUrl, { msgtype: 'markdown', markdown: { content } });
  }

  private agentId(): number {
    if (!this.o.agentId) throw new SendError('permanent', 'WECOM_AGENT_ID is not set');
    return this.o.agentId;
  }
}
