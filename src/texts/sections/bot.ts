/** The dispatcher: greetings, follow-up questions, unknown commands, card clicks (src/bot/*). */
export const bot = {
  'bot.apology': '抱歉，处理这条消息时出了点问题，已经记录下来了。请稍后再试，或联系管理员。',
  'bot.greeting': (p: { campaign: string }) => `您好！我是${p.campaign}活动助手。发送「帮助」看看我能做什么。`,
  'bot.ok': '好的。',
  'bot.cancelled': (p: { command: string }) => `好的，已取消「${p.command}」。`,
  'bot.nothingToCancel': '现在没有需要取消的操作。',
  'bot.questionExpired': (p: { command: string }) => `上一个问题（「${p.command}」）已超过 10 分钟没有回复，已自动取消。请重新发送命令。`,
  'bot.question': (p: { prompt: string }) => `${p.prompt}\n（回复「取消」可退出）`,
  'bot.fieldWrong': (p: { problem: string }) => `${p.problem}。`,
  'bot.sendFieldAgain': (p: { label: string }) => `请重新发送${p.label}。`,
  'bot.unknownCommand': (p: { word: string; suggestion: string }) => `没有「${p.word}」这个命令。${p.suggestion}发送「帮助」查看全部命令。`,
  'bot.didYouMean': (p: { command: string }) => `您是不是想用「${p.command}」？`,
  'bot.staleButton': '这个按钮已失效。请发送「审批列表」查看待审批的申报。',
  'time.date': (p: { year: number; month: number; day: number }) => `${p.year}年${p.month}月${p.day}日`,
  'time.week': (p: { from: { month: number; day: number }; to: { month: number; day: number } }) =>
    `${p.from.month}月${p.from.day}日—${p.to.month}月${p.to.day}日`,
  'card.approved': '已批准',
  'card.rejected': '已驳回',
} as const;
