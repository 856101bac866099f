import { z } from 'zod';
import type { IncomingMessage } from '../../bot/message.js';
import { t } from '../../texts.js';

/**
 * A robot message, as both Stream mode (the `data` of TOPIC_ROBOT) and HTTP mode (the POST body)
 * deliver it. Field list confirmed against dingtalk-stream 2.1.5 (dist/constants.d.ts
 * RobotMessageBase) and the official Python SDK's chatbot.py: conversationType "1" single and
 * "2" group; senderStaffId is the member's userid inside the corp (absent for outsiders, who
 * only have the opaque senderId); sessionWebhook answers this conversation until
 * sessionWebhookExpiredTime (ms).
 */
export const RobotMessage = z.object({
  msgId: z.string().min(1).max(256),
  msgtype: z.string().min(1),
  conversationId: z.string().min(1).max(256),
  conversationType: z.enum(['1', '2']),
  conversationTitle: z.string().max(200).optional(),
  senderId: z.string().min(1).max(256),
  senderStaffId: z.string().max(128).optional(),
  senderNick: z.string().max(100).optional(),
  sessionWebhook: z.string().url().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  robotCode: z.string().optional(),
  text: z.object({ content: z.string() }).optional(),
})
  // A text message without its text verifies but says nothing: refused rather than answered as empty.
  .refine((m) => m.msgtype !== 'text' || m.text !== undefined, 'a text message carries its text');
export type RobotMessage = z.infer<typeof RobotMessage>;

/** The dispatcher's message: the group by its open conversation id; a single chat by the person. */
export function toIncoming(m: RobotMessage): IncomingMessage {
  const sender = m.senderStaffId || m.senderId;
  const group = m.conversationType === '2';
  return {
    platform: 'dingtalk',
    chatId: group ? m.conversationId : `single:${sender}`,
    chatTitle: group ? m.conversationTitle : undefined,
    chatType: group ? 'group' : 'single',
    senderId: sender,
    senderName: m.senderNick || sender,
    text: m.msgtype === 'text' ? (m.text?.content ?? '') : '',
    messageId: m.msgId,
  };
}

/** Chat replies as DingTalk markdown: a single newline only breaks a line after two spaces. */
export function markdownReply(text: string): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  const title = (text.split('\n')[0] || t('platforms.dingtalk.replyTitle')).slice(0, 20);
  return { msgtype: 'markdown', markdown: { title, text: text.replace(/\n/g, '  \n') } };
}
