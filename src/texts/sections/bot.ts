/** The dispatcher, follow-up questions and access. */
export const bot = {
  'bot.apology': '抱歉，处理这条消息时出了点问题，已经记录下来了。请稍后再试，或联系管理员。',
} as const;
