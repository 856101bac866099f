import { UserError } from '../../domain/errors.js';
import type { ActionCard, CardUpdate, OutgoingPicture, PlatformSender, PushTarget } from '../../bot/sender.js';
import { CHART_DIR, chartFileOf } from '../../charts/ranking-chart.js';
import { t } from '../../texts.js';

/** What the console sent since it was last asked: the lines to print and how many messages they are. */
export interface Sent {
  lines: string[];
  messages: number;
}

/** The chat id of a person's private chat with the bot in the console, as on the platforms (`single:<user>`). */
export function directChatId(user: string): string {
  return `single:${user}`;
}

/**
 * The console's sender: what the bot pushes is kept as `push @<群名>> …` lines — to a person
 * (an admin's approval card, a notice) as `push @私聊:<名字>> …` — until the console takes them
 * to print after the line that caused them. It exists only in `npm run chat`, so a server
 * sharing the database leaves console messages in the outbox for the console to print.
 */
export class ConsoleSender implements PlatformSender {
  readonly platform = 'console';
  readonly reachesChats = true;
  readonly reachesPeople = true;
  private lines: string[] = [];
  private messages = 0;
  /** Titles of the cards sent, by handle, to say which card an update is for. */
  private readonly cardTitles = new Map<string, string>();

  parsePushAddress(): PushTarget {
    throw new UserError('console.noPushAddress');
  }

  maskPushAddress(): string {
    return '';
  }

  /** Console chats have no push address (parsePushAddress refuses one); shown like any push if one comes. */
  async pushMarkdown(target: PushTarget, markdown: string): Promise<void> {
    this.put(target.key, markdown.split('\n'));
  }

  async sendToChat(chatId: string, markdown: string): Promise<void> {
    const person = /^single:(.+)$/.exec(chatId);
    this.put(person ? t('console.directWith', { user: person[1] }) : chatId, markdown.split('\n'));
  }

  /** A picture (the weekly ranking's chart) is written under ./data/charts; the push line names the file. */
  async sendImageToChat(chatId: string, picture: OutgoingPicture): Promise<void> {
    const path = await chartFileOf(CHART_DIR, picture.png, picture.md5);
    const person = /^single:(.+)$/.exec(chatId);
    this.put(person ? t('console.directWith', { user: person[1] }) : chatId, [t('charts.pushed', { path })]);
  }

  async sendText(userId: string, text: string): Promise<void> {
    this.put(t('console.directWith', { user: userId }), text.split('\n'));
  }

  async sendCard(userIds: string[], card: ActionCard): Promise<string> {
    const lines = [
      card.title,
      ...(card.description ? card.description.split('\n') : []),
      ...card.fields.map(([label, value]) => t('console.cardField', { label, value })),
      ...(card.buttons.length ? [t('console.cardButtons', { buttons: card.buttons })] : []),
    ];
    for (const user of userIds) this.put(t('console.directWith', { user }), lines);
    this.cardTitles.set(card.taskId, card.title);
    return card.taskId;
  }

  async updateCard(userIds: string[], handle: string, update: CardUpdate): Promise<void> {
    const line = t('console.cardUpdated', { title: this.cardTitles.get(handle) ?? '', text: update.text });
    for (const user of userIds) this.put(t('console.directWith', { user }), [line]);
  }

  /** What was sent since the last call, and forgets it. */
  take(): Sent {
    const sent = { lines: this.lines, messages: this.messages };
    this.lines = [];
    this.messages = 0;
    return sent;
  }

  /** One message to `to`, each of its lines prefixed with where it went. */
  private put(to: string, lines: string[]): void {
    this.messages++;
    for (const line of lines) this.lines.push(`push @${to}> ${line}`);
  }
}
