/**
 * Texts of units and chats, and of the 开始 commands: 绑定 (src/domain/chats.ts, units.ts),
 * 我的 (src/domain/overview.ts), 帮助, 设置推送.
 */
export const units = {
  // The unit list file (npm run seed; a developer reads this).
  'units.fileRowWrong': (p: { path: string; line: number; text: string }) =>
    `${p.path}:${p.line}: expected 单位名称,简称,类型,上级单位 with a known 类型, got "${p.text}"`,

  // 绑定
  /** Endings of union names that people leave out when they type one (长沙市 for 长沙市总工会). */
  'units.nameSuffixes': '总工会 工会 工委 委员会',
  'units.notFound': (p: { query: string }) =>
    `没有找到「${p.query}」。请写市州、产业工会的名称，例如：绑定 长沙；基层单位请写成：绑定 长沙市总工会/单位全称`,
  'units.pickOne': (p: { query: string; names: readonly string[] }) =>
    `「${p.query}」对应多个单位，请回复序号：\n${p.names.map((name, i) => `${i + 1}. ${name}`).join('\n')}`,
  'units.pickNumber': (p: { count: number }) => `请回复 1—${p.count} 之间的序号，或写出单位全称。`,
  'units.grassrootsWrongParent': (p: { parent: string }) =>
    `基层单位只能建在市州总工会、省产业工会、省直机关工会或省直属工委下面，「${p.parent}」不行。`,
  'units.grassrootsNameInvalid': '基层单位名称需要 2—40 个字，且不能包含斜杠。',
  'units.grassrootsElsewhere': (p: { name: string }) => `「${p.name}」已经登记在别的上级单位下了，请联系省总工会管理员核对。`,
  'units.rebindRefused': (p: { unit: string }) => `本群已绑定「${p.unit}」，只有该单位的联系人或管理员可以改绑。`,
  'units.bound': (p: { created: boolean; member: string; unit: string; kind: string }) =>
    `${p.created ? `已新建基层单位「${p.unit}」。\n` : ''}绑定成功：本群和您（${p.member}）都已绑定到「${p.unit}」（${p.kind}）。\n发送「帮助」查看可用命令。`,

  // 我的
  'units.me.who': (p: { name: string; role: string }) => `${p.name}（${p.role}）`,
  'units.me.myUnit': (p: { unit: string; kind: string }) => `我的单位：${p.unit}（${p.kind}）`,
  'units.me.myUnitNone': '我的单位：未绑定',
  'units.me.chatUnit': (p: { unit: string }) => `本群绑定：${p.unit}`,
  'units.me.chatUnitNone': '本群绑定：未绑定',
  'units.me.startHint': '发送「绑定 单位名」开始，例如：绑定 长沙。',
  'units.me.groups': (p: { count: number }) => `已登记社群：${p.count} 个`,
  'units.me.todo': (p: { items: readonly string[] }) => `待办：\n${p.items.map((item) => `· ${item}`).join('\n')}`,
  'units.me.todoNone': '待办：暂无',
  'units.me.todoReport': '本周还没上报好书荐读人数：上报 荐读 <人数>',
  'units.me.todoActivity': (p: { id: number; theme: string; startsAt: string }) =>
    `活动 #${p.id}「${p.theme}」（${p.startsAt}）待上报人数：活动完成 ${p.id} 人数 <n>`,
  'units.me.todoHost': (p: { id: number; month: string; theme: string; status: string }) => `承办申报 #${p.id} ${p.month}「${p.theme}」：${p.status}`,

  // 帮助
  'units.help.unknown': (p: { word: string }) => `没有「${p.word}」这个命令。发送「帮助」查看全部命令。`,
  'units.help.title': (p: { name: string; aliases: readonly string[]; summary: string }) =>
    `「${p.name}」${p.aliases.length ? `（英文：${p.aliases.join(' / ')}）` : ''}：${p.summary}`,
  'units.help.usage': (p: { usage: string }) => `用法：${p.usage}`,
  'units.help.examples': '例如：',
  'units.help.access': (p: { who: string }) => `权限：${p.who}`,
  'units.help.access.anyone': '所有人可用',
  'units.help.access.bound': '绑定单位后可用',
  'units.help.access.admin': '仅管理员',
  'units.help.access.superadmin': '仅超级管理员',
  'units.help.section': (p: { section: string }) => `【${p.section}】`,
  'units.help.intro': (p: { campaign: string }) => `${p.campaign} 活动助手，您可以发送：`,
  'units.help.bindFirst': '\n先发送「绑定 单位名」（例如：绑定 长沙）把本群和您绑定到单位，就能使用更多命令。',
  'units.help.more': '发送「帮助 命令名」看详细用法和例子。',

  // 设置推送
  'units.push.groupOnly': '请在要接收推送的群里发送这条命令。',
  'units.push.notNeeded': '这里不需要推送地址：本地控制台的推送会直接显示出来。',
  'units.push.bindFirst': '请先在本群发送「绑定 单位名」，再设置推送地址。',
  'units.push.notYourChat': (p: { unit: string }) => `本群属于「${p.unit}」，只有该单位的联系人或管理员可以设置推送地址。`,
  'units.push.test': (p: { campaign: string }) => `**推送测试**\n「${p.campaign}」的排行和提醒以后会发到本群。`,
  'units.push.testFailed': (p: { said: string }) =>
    `测试消息没有发出去${p.said ? `（平台返回：${p.said}）` : ''}，地址没有保存。\n请确认地址复制完整、群机器人还在本群，再发一次「设置推送 <地址>」。`,
  'units.push.saved': (p: { address: string }) => `推送地址已保存（${p.address}），测试消息已发到本群。以后排行和提醒会通过它推送。`,
} as const;
