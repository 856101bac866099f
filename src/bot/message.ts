/** One chat message as every platform adapter hands it to the dispatcher. */
export interface IncomingMessage {
  platform: string; // 'wecom' | 'dingtalk' | 'console'
  chatId: string;
  chatTitle?: string;
  chatType: 'group' | 'single';
  senderId: string;
  senderName: string;
  /** The text as typed, @-mention of the bot may still be in front. */
  text: string;
  /** The platform's message id: the same id twice has one effect. */
  messageId: string;
  receivedAt?: Date;
}
