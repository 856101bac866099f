import type { CardAction, CardActionResult, ReplyRoute } from './sender.js';

/** One chat message as every platform adapter hands it to the dispatcher. */
export interface IncomingMessage {
  platform: string; // 'wecom' | 'dingtalk' | 'console'
  chatId: string;
  chatTitle?: string;
  chatType: 'group' | 'single';
  senderId: string;
  /** Absent where the platform does not say (a card click): the name on record stays. */
  senderName?: string;
  /** The text as typed, @-mention of the bot may still be in front. */
  text: string;
  /** The platform's message id: the same id twice has one effect. */
  messageId: string;
  receivedAt?: Date;
}

/** What handling a message came to. */
export interface Handled {
  reply: string;
  /**
   * The database failed (unreachable, locked, full): nothing was done and the reply is the
   * apology; the message stays in the inbox and is tried again.
   */
  retry: boolean;
}

/**
 * What platform receivers use of the bot: messages and card clicks in, replies out, and the
 * processed-message records they need to answer a redelivery. Implemented by the Dispatcher.
 */
export interface MessageHandler {
  /** One message → its reply (never throws, never empty); the same message id has one effect. */
  handle(msg: IncomingMessage): Promise<string>;
  /**
   * Like handle, and says whether it is to be tried again (the database failed). `unrecorded`: the
   * message was not written to the inbox (a pure read answered in its callback, see isPureRead).
   */
  process(msg: IncomingMessage, options?: { unrecorded?: boolean }): Promise<Handled>;
  /**
   * Whether the message only reads (排行): where its reply is its acknowledgement (a callback
   * answered with it), it needs no inbox row — a crash loses nothing the platform was told, and
   * a read asked again is simply answered again. Recorded like any other when not answered in time.
   */
  isPureRead?(msg: IncomingMessage): boolean;
  /**
   * Writes the message to the inbox before the platform is answered, with where a late reply
   * goes and when one still owed is handed to the outbox; once per message id. Throws when it
   * could not be written: the platform must then not be told the message arrived.
   */
  receive(msg: IncomingMessage, route: ReplyRoute | undefined, replyAfterMs: number): Promise<void>;
  /** A reply that missed its callback: queued in the outbox and sent now; once per message id. */
  replyLate(platform: string, messageId: string, reply: string): Promise<void>;
  /** A verified card click → the decision it stands for, acted on like the typed command. */
  handleAction(action: CardAction): Promise<CardActionResult>;
  /**
   * Whether this delivery should send the message's reply where replies go apart from the
   * callback (once per message id across instances); a failed send gives it back with releaseReply.
   */
  claimReply(platform: string, messageId: string): Promise<boolean>;
  releaseReply(platform: string, messageId: string): Promise<void>;
  /** The reply stored for a message id already handled (by any instance), if any. */
  storedReply(platform: string, messageId: string): Promise<string | undefined>;
}
