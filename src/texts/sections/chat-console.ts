/** Texts of the local chat console (src/platforms/console/*, scripts/chat.ts). */
export const chatConsole = {
  'console.help': [
    '本地对话控制台：直接输入消息和机器人对话。',
    '  :as <名字> @<群名>          切换说话的人和所在的群（首次使用时自动创建）',
    '  :who                        看看现在是谁、在哪个群',
    '  :time YYYY-MM-DD HH:mm      把时钟拨到这一刻（北京时间），运行到期的定时任务，推送以 push @群名> 显示',
    '  :quit                       退出',
  ].join('\n'),
  /** Who speaks, and in which group, when the console starts. */
  'console.defaultUser': '张三',
  'console.defaultChat': '测试群',
  'console.timeUsage': '（用法：:time 2020-06-15 09:00，北京时间）',
  'console.switched': (p: { user: string; chat: string }) => `（现在是「${p.user}」在「${p.chat}」群里说话）`,
  'console.who': (p: { user: string; chat: string }) => `（「${p.user}」在「${p.chat}」群）`,
  /** After `:time`: the new time, and the scheduled jobs that ran (「job window」 each). */
  'console.timeSet': (p: { time: string; jobs: string[] }) =>
    `（现在是 ${p.time}${p.jobs.length ? `，运行了：${p.jobs.join('；')}` : '，没有到期的定时任务'}）`,
  'console.noPushAddress': '这里不需要推送地址：本地控制台的推送会直接显示出来。',
} as const;
