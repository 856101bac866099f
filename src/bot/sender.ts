/**
 * What the bot can send on a platform, for everything above the adapters: the `设置推送` command,
 * the outbox and the approval flow. Only `platforms/*` build platform payloads.
 */

/** A group's push address as stored on its Chat row: a webhook key, and a signing secret where the platform has one. */
export interface PushTarget {
  key: string;
  secret?: string;
}

/** A card with buttons sent to people (admins), e.g. a host request to approve. */
export interface ActionCard {
  /** Our id for the card, unique per card: WeCom's task_id (≤ 128 bytes of [0-9A-Za-z_-@]). */
  taskId: string;
  title: string;
  description?: string;
  /** Label and value rows. */
  fields: Array<[string, string]>;
  /**
   * Up to 6 buttons; `key` comes back with a click. `command` is what the button means typed as
   * a chat command (「批准 12」), for platforms whose fallback card makes the click send that text.
   */
  buttons: Array<{ key: string; text: string; style?: 'primary' | 'danger'; command?: string }>;
}

/** A click on a card button, verified and normalised by the platform adapter. */
export interface CardAction {
  platform: string;
  /** The person who clicked, as the platform knows them. */
  userId: string;
  /** Where a follow-up (e.g. a rejection reason) continues: the chat the card was clicked in. */
  chatId: string;
  chatType: 'group' | 'single';
  /** The card's id (our taskId). */
  taskId: string;
  /** The button's key. */
  key: string;
  /** A unique id of this click, so a redelivered click has one effect. */
  eventId: string;
  /**
   * The platform's handle to update the clicked copy of the card (WeCom: the click's single-use
   * ResponseCode; DingTalk: the card's outTrackId); absent where the update goes in the reply.
   */
  handle?: string;
}

/** A decided card: the words that replace its buttons (「已批准」) and the state behind them. */
export interface CardUpdate {
  text: string;
  state: 'accepted' | 'rejected';
}

/** What the card-action handler answers: the reply for the clicker, and the card's new look once decided. */
export interface CardActionResult {
  reply: string;
  card?: CardUpdate;
}

export interface PlatformSender {
  readonly platform: string;
  /** Reads a push address as an admin pastes it; throws a UserError that shows the right form. */
  parsePushAddress(address: string, secret?: string): PushTarget;
  /** A push address shortened for display: enough to recognise, not enough to use. */
  maskPushAddress(target: PushTarget): string;
  /** Markdown to a group by its push address, split into several messages when it is too long. */
  pushMarkdown(target: PushTarget, markdown: string): Promise<void>;
  /**
   * An action card to people. Returns the platform's handle for updating the sent card later
   * (WeCom: the send's response_code; DingTalk: the card's outTrackId), when there is one.
   */
  sendCard?(userIds: string[], card: ActionCard): Promise<string | undefined>;
  /**
   * Shows the decision in place of a card's buttons, by a handle from sendCard or from a click
   * (CardAction.handle).
   */
  updateCard?(userIds: string[], handle: string, update: CardUpdate): Promise<void>;
  /** A text message to one person. */
  sendText?(userId: string, text: string): Promise<void>;
  /** Markdown to a chat the bot is in, without a push address (DingTalk's app robot, the console). */
  sendToChat?(chatId: string, markdown: string): Promise<void>;
  /**
   * A chat reply that missed its callback, by the route its platform adapter stored with the
   * message in the inbox (a DingTalk sessionWebhook while valid, else the group or person; a WeCom
   * application user or smart-bot response_url). Sent by the inbox at once, else by the outbox.
   */
  sendReply?(route: ReplyRoute, text: string): Promise<void>;
  /**
   * A picture to a group by its push address, after the push's text (the weekly ranking's chart);
   * only where `pushesImages`.
   */
  pushImage?(target: PushTarget, picture: OutgoingPicture): Promise<void>;
  /** Whether pushImage works here (DingTalk's custom robot shows a picture only by a public address: PUBLIC_BASE_URL). */
  readonly pushesImages?: boolean;
  /** A picture to a chat the bot is in (DingTalk's app robot, the console). */
  sendImageToChat?(chatId: string, picture: OutgoingPicture): Promise<void>;
  /** Uploads a picture that a chat reply shows by reference (DingTalk: a media_id for markdown `![](…)`). */
  uploadImage?(png: Buffer): Promise<string>;
  /** Whether sendToChat works here, i.e. groups can be reached without a push address. */
  readonly reachesChats?: boolean;
  /** Whether sendCard and sendText work here (the platform's app is configured). */
  readonly reachesPeople?: boolean;
}

/** A picture as the senders take it: the PNG, its md5 (hex), and the path of its public address (`/pictures/<token>.png`). */
export interface OutgoingPicture {
  png: Buffer;
  md5: string;
  path: string;
}

/** Where a late reply goes: platform JSON, read only by that platform's sender. */
export type ReplyRoute = Record<string, string | number | undefined>;

export type SendErrorKind = 'rate-limited' | 'transient' | 'permanent';

/**
 * A send that did not go through. `rate-limited` and `transient` may succeed later (the outbox
 * retries them with back-off); `permanent` will not, and carries the platform's message.
 */
export class SendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    message: string,
    readonly code?: number | string,
    /** The platform's own words (errmsg), for people to read. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SendError';
  }

  get retryable(): boolean {
    return this.kind !== 'permanent';
  }
}
