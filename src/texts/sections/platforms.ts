/** What the platform adapters say themselves (src/platforms/wecom/*, src/platforms/dingtalk/*). */
export const platforms = {
  // WeCom smart bot callback (src/platforms/wecom/bot.ts).
  'platforms.wecom.working': '收到，正在处理，请稍候…',
  'platforms.wecom.lost': '抱歉，这条消息没能处理完，请再发一次。',
  'platforms.wecom.textOnly': '我目前只看得懂文字消息。发送「帮助」看看能做什么。',
  'platforms.wecom.welcome': '您好！我是读书活动助手。发送「帮助」查看能做什么，先发「绑定 单位名」绑定您的单位。',
  /** The title of a clicked card when the click decided nothing that changes its look. */
  'platforms.wecom.cardReceived': '已收到',
  // Push addresses as admins paste them (src/platforms/*/sender.ts).
  'platforms.wecom.notPushAddress':
    '这不是企业微信群机器人的推送地址。请在 群设置 › 群机器人 里复制完整的 Webhook 地址，形如：\nhttps://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  'platforms.dingtalk.notPushAddress':
    '这不是钉钉自定义机器人的 Webhook 地址。请在 群设置 › 智能群助手 › 添加机器人 › 自定义 里复制，形如：\nhttps://oapi.dingtalk.com/robot/send?access_token=xxxxxxxx\n如果设置了加签，把密钥（SEC 开头）写在地址后面，空一格。',
  'platforms.dingtalk.badSecret': '加签密钥应以 SEC 开头，请从机器人安全设置里完整复制。',
  /** A masked push address that has a signing secret beside it. */
  'platforms.dingtalk.maskedSigned': (p: { masked: string }) => `${p.masked}，已加签`,
  /** One label-and-value row of a fallback actionCard. */
  'platforms.dingtalk.cardField': (p: { label: string; value: string }) => `- ${p.label}：${p.value}`,
  /** A markdown message's title when its first line is empty. */
  'platforms.dingtalk.replyTitle': '回复',
} as const;
