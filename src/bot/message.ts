import type { CardAction, CardActionResult } from './sender.js';

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

/**
 * What platform receivers use of the bot: messages and card clicks in, replies out, and the
 * processed-message records they need to answer a redelivery. Implemented by the Dispatcher.
 */
export interface MessageHandler {
  /** One message → its reply (never throws, never empty); the same message id has one effect. */
  handle(msg: IncomingMessage): Promise<string>;
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
