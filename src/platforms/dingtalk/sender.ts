import { UserError } from '../../domain/errors.js';
import type { ActionCard, CardUpdate, OutgoingPicture, PlatformSender, PushTarget, ReplyRoute } from '../../bot/sender.js';
import { SendError } from '../../bot/sender.js';
import { t } from '../../texts.js';
import { splitBytes } from '../text-limits.js';
import type { DingTalkApi } from './api.js';
import { markdownReply } from './message.js';

/**
 * A markdown message is kept under this many bytes. DingTalk documents no exact size for robot
 * markdown; 20,000 bytes is the figure public integrations report, so this leaves a margin.
 */
export const MARKDOWN_BYTES = 18_000;

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const SECRET = /^SEC[A-Za-z0-9]{20,128}$/;

/**
 * Every DingTalk payload the bot sends is built here: custom-robot markdown for pushes, the app
 * robot's group and one-to-one messages, and approval cards (an interactive card from
 * DINGTALK_CARD_TEMPLATE_ID, or an actionCard whose buttons make the admin send the command).
 */
export class DingTalkSender implements PlatformSender {
  readonly platform = 'dingtalk';

  constructor(
    readonly api: DingTalkApi,
    private readonly o: { robotCode?: string; cardTemplateId?: string; publicBaseUrl?: string },
  ) {}

  /** A custom robot's address as copied from 群设置 › 智能群助手, or its access token; the 加签 secret beside it. */
  parsePushAddress(address: string, secret?: string): PushTarget {
    const s = address.trim();
    let token = TOKEN.test(s) ? s : '';
    if (!token) {
      let url: URL | undefined;
      try {
        url = new URL(s);
      } catch {
        url = undefined;
      }
      const hosts = new Set(['oapi.dingtalk.com', new URL(this.api.o.oapiBase).host]);
      const inUrl = url?.searchParams.get('access_token') ?? '';
      if (url && hosts.has(url.host) && url.pathname === '/robot/send' && TOKEN.test(inUrl)) token = inUrl;
    }
    if (!token) {
      throw new UserError('platforms.dingtalk.notPushAddress');
    }
    const sec = secret?.trim();
    if (sec && !SECRET.test(sec)) throw new UserError('platforms.dingtalk.badSecret');
    return sec ? { key: token, secret: sec } : { key: token };
  }

  maskPushAddress(target: PushTarget): string {
    const shown = `access_token=${target.key.slice(0, 4)}…${target.key.slice(-4)}`;
    return target.secret ? t('platforms.dingtalk.maskedSigned', { masked: shown }) : shown;
  }

  async pushMarkdown(target: PushTarget, markdown: string): Promise<void> {
    for (const piece of splitBytes(markdown, MARKDOWN_BYTES)) {
      await this.api.robotSend(target.key, target.secret, markdownReply(piece));
    }
  }

  /**
   * A custom robot shows a picture only in markdown by a public URL: with PUBLIC_BASE_URL, the
   * picture's unguessable, expiring address on our server (src/charts/picture-route.ts).
   */
  get pushesImages(): boolean {
    return Boolean(this.o.publicBaseUrl);
  }

  async pushImage(target: PushTarget, picture: OutgoingPicture): Promise<void> {
    if (!this.o.publicBaseUrl) throw new SendError('permanent', 'PUBLIC_BASE_URL is not set: a custom robot shows pictures by address only');
    const url = this.o.publicBaseUrl.replace(/\/+$/, '') + picture.path;
    await this.api.robotSend(target.key, target.secret, { msgtype: 'markdown', markdown: { title: t('charts.pictureAlt'), text: `![${t('charts.pictureAlt')}](${url})` } });
  }

  /** The app robot in a group: the picture uploaded (once per picture), then `sampleImageMsg` with its media_id. */
  async sendImageToChat(chatId: string, picture: OutgoingPicture): Promise<void> {
    const mediaId = await this.mediaIdOf(picture);
    await this.api.call('POST', '/v1.0/robot/groupMessages/send', {
      robotCode: this.robotCode(),
      openConversationId: chatId,
      msgKey: 'sampleImageMsg',
      msgParam: JSON.stringify({ photoURL: mediaId }),
    });
  }

  /** Uploads a picture as the app; its media_id (a reply shows it as markdown `![](media_id)`). */
  async uploadImage(png: Buffer): Promise<string> {
    return this.api.uploadMedia(png, 'ranking.png');
  }

  /** Media ids of pictures uploaded, by md5: a broadcast to many groups uploads each picture once. */
  private readonly media = new Map<string, Promise<string>>();

  private mediaIdOf(picture: OutgoingPicture): Promise<string> {
    let id = this.media.get(picture.md5);
    if (!id) {
      id = this.uploadImage(picture.png);
      // A failed upload is not kept: the next send tries again.
      id.catch(() => this.media.delete(picture.md5));
      this.media.set(picture.md5, id);
      while (this.media.size > 64) this.media.delete(this.media.keys().next().value!);
    }
    return id;
  }

  /** The app robot reaches the groups it is in, and people, once the app is configured. */
  get reachesChats(): boolean {
    return Boolean(this.o.robotCode && this.api.o.clientId && this.api.o.clientSecret);
  }

  get reachesPeople(): boolean {
    return this.reachesChats;
  }

  /**
   * A chat reply that missed its callback (src/inbox): through the message's sessionWebhook while
   * it is valid, after that through the app robot — to the group, or to the person.
   */
  async sendReply(route: ReplyRoute, text: string): Promise<void> {
    const now = this.api.o.now?.() ?? Date.now();
    if (typeof route.session === 'string' && Number(route.sessionUntil ?? Infinity) > now) {
      return this.api.sessionReply(route.session, markdownReply(text));
    }
    if (typeof route.conversationId === 'string') return this.sendToChat(route.conversationId, text);
    if (typeof route.userId === 'string') return this.sendText(route.userId, text);
    throw new SendError('permanent', 'a DingTalk reply route names a session, a group or a person');
  }

  /** `POST /v1.0/robot/groupMessages/send`: the app robot in a group it was added to. */
  async sendToChat(chatId: string, markdown: string): Promise<void> {
    for (const piece of splitBytes(markdown, MARKDOWN_BYTES)) {
      const m = markdownReply(piece).markdown;
      await this.api.call('POST', '/v1.0/robot/groupMessages/send', {
        robotCode: this.robotCode(),
        openConversationId: chatId,
        msgKey: 'sampleMarkdown',
        msgParam: JSON.stringify({ title: m.title, text: m.text }),
      });
    }
  }

  /** `POST /v1.0/robot/oToMessages/batchSend`: the app robot to one person. */
  async sendText(userId: string, text: string): Promise<void> {
    for (const piece of splitBytes(text, MARKDOWN_BYTES)) {
      const m = markdownReply(piece).markdown;
      await this.oneToOne([userId], 'sampleMarkdown', { title: m.title, text: m.text });
    }
  }

  /**
   * With a card template: one interactive card per admin in their chat with the robot
   * (`POST /v1.0/card/instances/createAndDeliver`, openSpaceId `dtv1.card//IM_ROBOT.<userId>`,
   * callbackType STREAM), its `outTrackId` our task id, so the click comes back on TOPIC_CARD.
   * Without one: an actionCard whose buttons are `dtmd://dingtalkclient/sendMessage` links —
   * a click makes the admin send the button's command, which takes the normal message path.
   */
  async sendCard(userIds: string[], card: ActionCard): Promise<string | undefined> {
    const lines = [`### ${card.title}`, ...(card.description ? [card.description] : []), ...card.fields.map(([label, value]) => t('platforms.dingtalk.cardField', { label, value }))];
    if (this.o.cardTemplateId) {
      for (const userId of userIds) {
        await this.api.call('POST', '/v1.0/card/instances/createAndDeliver', {
          cardTemplateId: this.o.cardTemplateId,
          outTrackId: userIds.length > 1 ? `${card.taskId}.${userId}` : card.taskId,
          callbackType: 'STREAM',
          userId,
          cardData: { cardParamMap: { title: card.title, content: lines.slice(1).join('\n'), status: 'pending', status_text: '' } },
          openSpaceId: `dtv1.card//IM_ROBOT.${userId}`,
          imRobotOpenSpaceModel: { supportForward: false },
          imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.robotCode() },
          userIdType: 1,
        });
      }
      return userIds.length === 1 ? card.taskId : undefined;
    }
    const buttons = card.buttons.slice(0, 5);
    if (buttons.some((b) => !b.command)) throw new SendError('permanent', 'a fallback actionCard needs each button’s command');
    const link = (command: string) => `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
    const param: Record<string, string> = { title: card.title, text: lines.join('  \n') };
    buttons.forEach((b, i) => {
      param[`actionTitle${i + 1}`] = b.text;
      param[`actionURL${i + 1}`] = link(b.command!);
    });
    await this.oneToOne(userIds, `sampleActionCard${Math.max(buttons.length, 2)}`, param);
    return undefined;
  }


  /**
   * `PUT /v1.0/card/instances`, only the given variables (updateCardDataByKey): `status` becomes
   * `accept` or `reject` — the values the official approval-card tutorial uses to switch the
   * template's buttons to their decided form — and `status_text` the words, e.g. 已批准.
   */
  async updateCard(_userIds: string[], handle: string, update: CardUpdate): Promise<void> {
    if (!this.o.cardTemplateId) return;
    await this.api.call('PUT', '/v1.0/card/instances', {
      outTrackId: handle,
      cardData: { cardParamMap: { status: update.state === 'accepted' ? 'accept' : 'reject', status_text: update.text } },
      cardUpdateOptions: { updateCardDataByKey: true },
    });
  }

  private async oneToOne(userIds: string[], msgKey: string, param: object): Promise<void> {
    await this.api.call('POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.robotCode(),
      userIds,
      msgKey,
      msgParam: JSON.stringify(param),
    });
  }

  private robotCode(): string {
    const code = this.o.robotCode;
    if (!code) throw new SendError('permanent', 'DINGTALK_ROBOT_CODE (or DINGTALK_CLIENT_ID) is not set');
    return code;
  }
}
