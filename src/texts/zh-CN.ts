/**
 * The zh-CN text table: every word a user reads, by key. Keys are `<subject>.<what>`; an entry is
 * a string, or a function of one typed parameter object. Code reads it through `t()` in
 * ../texts.ts. Labels of stored values and the words accepted for them are in ./labels.ts.
 */

// Pieces several hosting texts share.
/** `#3、#4` */
const numbered = (ids: readonly number[]) => ids.map((id) => `#${id}`).join('、');
/** 「批准」 or 「驳回」, by the decision's status. */
const decided = (decision: 'APPROVED' | 'REJECTED') => (decision === 'APPROVED' ? '批准' : '驳回');

/** A request as 申报承办's reply and 审批列表's lines show it. */
interface RequestDetails {
  unit: string;
  theme: string;
  date: string;
  place: string;
  expected: number;
  contactName: string;
  contactPhone: string;
}
/** `张三 13800000000`, or the name alone. */
const contact = (p: RequestDetails) => `${p.contactName}${p.contactPhone ? ` ${p.contactPhone}` : ''}`;

export const zhCN = {
  // ---- The dispatcher: greetings, follow-up questions, unknown commands, card clicks (src/bot/*).
  'bot.apology': '抱歉，处理这条消息时出了点问题，已经记录下来了。请稍后再试，或联系管理员。',
  'bot.greeting': (p: { campaign: string }) => `您好！我是${p.campaign}活动助手。发送「帮助」看看我能做什么。`,
  'bot.ok': '好的。',
  'bot.cancelled': (p: { command: string }) => `好的，已取消「${p.command}」。`,
  'bot.nothingToCancel': '现在没有需要取消的操作。',
  'bot.nothingToConfirm': '现在没有等您确认的事。想做什么请直接发命令，例如：上报 荐读 35；发送「帮助」看全部命令。',
  'bot.questionExpired': (p: { command: string }) => `上一个问题（「${p.command}」）已超过 10 分钟没有回复，已自动取消。请重新发送命令。`,
  'bot.question': (p: { prompt: string }) => `${p.prompt}\n（回复「取消」可退出）`,
  'bot.fieldWrong': (p: { problem: string }) => `${p.problem}。`,
  'bot.sendFieldAgain': (p: { label: string }) => `请重新发送${p.label}。`,
  'bot.unknownCommand': (p: { word: string; suggestion: string }) => `没有「${p.word}」这个命令。${p.suggestion}发送「帮助」查看全部命令。`,
  'bot.eventDoneHint': (p: { command: string; n: string }) =>
    `活动办完了？请用活动编号上报实际人数，例如：${p.command} 5 人数 ${p.n}（发送「活动列表」查看编号）`,
  'bot.didYouMean': (p: { command: string }) => `您是不是想用「${p.command}」？`,
  'bot.thanks': '不客气！需要时发送「帮助」看看我能做什么。',
  'bot.confirm': (p: { prompt: string }) => `${p.prompt}\n回复「是」确认；回复其他内容则取消。`,
  'bot.confirmGuess': (p: { typed: string; understood: string }) => `没有完全看懂「${p.typed}」。您是想发送「${p.understood}」吗？`,
  'bot.notConfirmed': (p: { command: string }) => `好的，没有执行「${p.command}」。`,
  'bot.questionDropped': (p: { command: string }) => `（「${p.command}」的问题已放下，先处理这条。）`,
  'bot.stillWaiting': (p: { prompt: string }) => `您好！我还在等您回答：\n${p.prompt}\n（回复「取消」可退出）`,
  'bot.questionGivenUp': (p: { problem: string; command: string; example: string }) =>
    `${p.problem}。\n这次先不记录了。您可以重新发送完整的命令，例如：${p.example}`,
  'bot.staleButton': '这个按钮已失效。请发送「审批列表」查看待审批的申报。',
  'time.date': (p: { year: number; month: number; day: number }) => `${p.year}年${p.month}月${p.day}日`,
  'time.month': (p: { year: number; month: number }) => `${p.year}年${p.month}月`,
  'time.week': (p: { from: { month: number; day: number }; to: { month: number; day: number } }) =>
    `${p.from.month}月${p.from.day}日—${p.to.month}月${p.to.day}日`,
  'card.approved': '已批准',
  'card.rejected': '已驳回',

  // ---- Who may do what: refusals (src/bot/access.ts, src/domain/actor.ts).
  'access.bindFirst': '请先绑定单位，例如：绑定 长沙。',
  'access.notYourRecord': (p: { what: string }) => `这条${p.what}不属于您代表的单位，只能由该单位的人或管理员修改。发送「我的」看看您代表哪个单位。`,
  'access.boundOnly': (p: { command: string }) => `请先绑定单位再使用「${p.command}」，例如：绑定 长沙。`,
  'access.adminOnly': (p: { command: string }) => `「${p.command}」只有省总工会管理员可以使用。发送「帮助」看看您能用的命令，例如：排行`,
  'access.contactOnly': (p: { command: string }) =>
    `「${p.command}」只有省总工会管理员（审批承办申报）和单位联系人（同意联系人申请）可以使用。发送「帮助」看看您能用的命令，例如：排行`,
  'access.superadminOnly': (p: { command: string }) => `「${p.command}」只有超级管理员可以使用。发送「帮助」看看您能用的命令，例如：排行`,

  // ---- What a field says when the typed text does not fit (src/bot/field-types.ts).
  'field.empty': (p: { label: string }) => `${p.label}不能为空`,
  'field.tooLong': (p: { label: string; max: number }) => `${p.label}最多 ${p.max} 个字`,
  'field.notCount': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」里没有看到人数，请只写数字，例如 35 或 三十五`,
  'field.countAbout': (p: { label: string; typed: string; n: number }) => `「${p.typed}」是个估计数，${p.label}要记准确的，请发确切的数字，例如 ${p.n}`,
  'field.countNegative': (p: { label: string }) => `${p.label}不能是负数，请发 0 或正整数，例如 35`,
  'field.countFraction': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」带小数，请发整数，例如 35`,
  'field.countSeveral': (p: { label: string; values: number[] }) =>
    `您写了 ${p.values.join(' 和 ')}，${p.label}只能记一个数：请只发其中一个，要合计就发合计数，例如 ${p.values[0]}`,
  'field.countRange': (p: { label: string; typed: string; values: number[] }) =>
    `「${p.typed}」是个大概的范围（${p.values.join(' 到 ')}），${p.label}要记准确的，请发确切的数字，例如 ${p.values[0]}`,
  'field.countBetween': (p: { label: string; min: number; max: number; example: number }) => `${p.label}请发 ${p.min} 到 ${p.max} 之间的整数，例如 ${p.example}`,
  'field.countTooBig': (p: { label: string; n: number; max: number }) => `${p.label} ${p.n} 太大了，请核对（最多 ${p.max}）`,
  'field.idNoSuch': (p: { what: string; typed: string }) => `没有编号为 ${p.typed} 的${p.what}，请核对编号`,
  'field.idMissing': (p: { what: string; usage: string }) => `请写上${p.what}编号（数字），例如：${p.usage}`,
  'field.dateUnreadable': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」没看懂，请写成 2020-06-20 或 6月20日`,
  'field.dateTimeUnreadable': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」没看懂，请写成 6月20日下午2点 或 2020-06-20 14:00`,
  'field.timeMissing': (p: { label: string }) => `${p.label}还缺具体钟点，请写成 6月20日下午2点 或 2020-06-20 14:00`,
  'field.dateOutside': (p: { label: string; date: string; window: string }) => `${p.label} ${p.date} 不在${p.window}内，请发${p.window}里的日期`,
  'field.monthUnreadable': (p: { label: string; typed: string }) => `${p.label}「${p.typed}」没看懂，请写成 2020-07 或 7月`,
  'field.placeIsTime': (p: { label: string }) => `这看起来是时间，不是${p.label}。请发地点，例如：市图书馆三楼报告厅`,
  'field.placeIsCount': (p: { label: string }) => `这看起来是人数，不是${p.label}。请发地点，例如：市图书馆三楼报告厅`,
  'field.questionBack': (p: { label: string }) => `您是在问${p.label}怎么填吧：请直接写出${p.label}，看下面的例子`,
  'field.dateInFuture': (p: { label: string; date: string; today: string }) => `${p.label} ${p.date} 还没到（今天是 ${p.today}），请发今天或以前的日期`,
  'field.phone': '电话号码格式不对，请写 11 位手机号或带区号的座机号，例如 13800000000 或 0731-84567890',
  'field.url': (p: { label: string }) => `${p.label}需要是 http:// 或 https:// 开头的完整网址，例如 https://weibo.com/…`,
  'field.notAChoice': (p: { label: string; typed: string; options: string[] }) =>
    `${p.label}「${p.typed}」不在可选范围内，请从 ${p.options.join(' / ')} 中选一个`,

  // ---- Texts of units and chats, and of the 开始 commands: 绑定 (src/domain/chats.ts, units.ts), 我的 (src/domain/overview.ts), 帮助, 设置推送.
  // The unit list file (npm run seed; a developer reads this).
  'units.fileRowWrong': (p: { path: string; line: number; text: string }) =>
    `${p.path}:${p.line}: expected 单位名称,简称,类型,上级单位 with a known 类型, got "${p.text}"`,

  // 绑定
  /** Endings of union names that people leave out when they type one (长沙市 for 长沙市总工会). */
  'units.nameSuffixes': '总工会 工会 工委 委员会',
  /** What people add to a place's short name (湘西州, 株洲市) when they mean its union. */
  'units.placeSuffixes': '州 市',
  'units.confirmSoundsLike': (p: { typed: string; unit: string }) => `没有找到「${p.typed}」。您是说「${p.unit}」吗？`,
  'units.notFound': (p: { query: string }) =>
    `没有找到「${p.query}」。请写市州、产业工会的名称，例如：绑定 长沙；基层单位请写成：绑定 长沙市总工会/单位全称`,
  'units.pickOne': (p: { query: string; names: readonly string[] }) =>
    `「${p.query}」对应多个单位，请回复序号：\n${p.names.map((name, i) => `${i + 1}. ${name}`).join('\n')}`,
  'units.pickMore': (p: { more: number; example: string }) => `（还有 ${p.more} 个没列出；不在其中请写单位全称，例如：绑定 ${p.example}）`,
  'units.pickNumber': (p: { count: number }) => `请回复 1—${p.count} 之间的序号，或写出单位全称。`,
  'units.grassrootsWrongParent': (p: { parent: string }) =>
    `基层单位只能建在市州总工会、省产业工会、省直机关工会或省直属工委下面，「${p.parent}」不行。例如：绑定 长沙市总工会/长沙银行工会`,
  'units.grassrootsNameInvalid': '基层单位名称需要 2—40 个字，且不能包含斜杠，例如：绑定 长沙市总工会/长沙银行工会',
  'units.grassrootsNamedLikeTop': (p: { name: string; unit: string; parent: string }) =>
    `「${p.name}」和「${p.unit}」同名，不能登记为基层单位。请写基层单位的全称，例如：绑定 ${p.parent}/${p.name}银行工会；要绑定「${p.unit}」本身，请发送：绑定 ${p.unit}`,
  'units.confirmSimilarGrassroots': (p: { typed: string; unit: string; parent: string }) =>
    `「${p.parent}」下面已有基层单位「${p.unit}」。是指已有的「${p.unit}」吗？回复「是」，或发「新建 ${p.typed}」`,
  'units.grassrootsElsewhere': (p: { name: string }) => `「${p.name}」已经登记在别的上级单位下了，请联系省总工会管理员核对。`,
  'units.rebindRefused': (p: { unit: string }) =>
    `本群已绑定「${p.unit}」，只有该单位的联系人或管理员可以改绑。您在本群可以代表「${p.unit}」上报和登记；要做别的单位的联系人，请私聊我发送：绑定 单位名`,
  'units.rebindTargetRefused': (p: { from: string; to: string }) =>
    `只有「${p.to}」的联系人或管理员可以把群绑到该单位，本群仍绑定「${p.from}」。要做「${p.to}」的联系人，请私聊我发送：绑定 ${p.to}`,
  'units.provinceAdminsOnly': '省总工会只能由管理员绑定。请绑定您所在的市州、产业工会或基层单位，例如：绑定 长沙',
  'units.confirmRebind': (p: { from: string; to: string }) =>
    `本群现在绑定的是「${p.from}」，要改绑到「${p.to}」吗？改绑后本群的上报和登记都算「${p.to}」的。`,
  'units.chatBound': (p: { unit: string; kind: string }) => `本群已绑定到「${p.unit}」（${p.kind}）。`,
  'units.chatRebound': (p: { from: string; to: string }) => `本群已从「${p.from}」改绑到「${p.to}」。`,
  'units.memberBound': (p: { created: boolean; member: string; unit: string; kind: string }) =>
    `${p.created ? `已新建基层单位「${p.unit}」。\n` : ''}绑定成功：您（${p.member}）已绑定到「${p.unit}」（${p.kind}）。`,
  'units.helpHint': '发送「帮助」查看可用命令。',

  // Contacts: who speaks for a unit (src/domain/contacts.ts; 绑定, 同意 / 拒绝, 设联系人, 解绑).
  'contacts.first': (p: { unit: string }) => `您是「${p.unit}」的第一位联系人，已报省总工会备案。`,
  'contacts.already': (p: { unit: string }) => `您已经是「${p.unit}」的联系人。`,
  'contacts.requested': (p: { unit: string; contacts: readonly string[] }) =>
    `「${p.unit}」已有联系人 ${p.contacts.join('、')}。已把您的申请转给${p.contacts.length > 1 ? '他们' : '对方'}和省总工会管理员，同意后您就能代表该单位，我会告诉您。`,
  'contacts.pending': (p: { unit: string; contacts: readonly string[] }) =>
    `您的申请还在等「${p.unit}」的联系人 ${p.contacts.join('、')} 或管理员同意，同意后我会告诉您。`,
  'contacts.meanwhileInGroup': (p: { unit: string }) => `在此之前，您在本群仍可以代表「${p.unit}」上报和登记。`,
  'contacts.groupAfterApproval': (p: { unit: string }) => `同意后，本群也会绑定到「${p.unit}」。`,
  'contacts.noRequestFrom': (p: { who: string; names: readonly string[]; approve: boolean }) =>
    `没有「${p.who}」的联系人申请。等您处理的有：${p.names.join('、')}，例如：${p.approve ? '同意' : '拒绝'} ${p.names[0]}`,
  'contacts.whichRequest': (p: { names: readonly string[]; approve: boolean }) =>
    `有 ${p.names.length} 个联系人申请等您处理：${p.names.join('、')}。请写上名字，例如：${p.approve ? '同意' : '拒绝'} ${p.names[0]}`,
  'contacts.decidedMeanwhile': (p: { name: string }) => `${p.name} 的申请刚刚已被处理。发送「我的」查看。`,
  'contacts.approved': (p: { name: string; unit: string }) => `已同意：${p.name} 现在是「${p.unit}」的联系人。`,
  'contacts.rejected': (p: { name: string; unit: string }) => `已拒绝 ${p.name} 代表「${p.unit}」的申请。`,
  'contacts.nothingToDecide': '现在没有等您处理的联系人申请。发送「我的」看看您的待办。',
  'contacts.soundsLike': (p: { typed: string; unit: string; short: string; who: string; revoke: boolean }) =>
    `没有找到「${p.typed}」。您是说「${p.unit}」吗？是的话请发：设联系人 ${p.short} ${p.who}${p.revoke ? ' 撤销' : ''}`,
  'contacts.unitNotFound': (p: { query: string }) => `没有找到「${p.query}」。请写市州、产业工会的名称，例如：设联系人 株洲 李强`,
  'contacts.setByAdmins': '只有省总工会管理员可以直接指定联系人。要成为联系人，请发送：绑定 单位名，例如：绑定 长沙',
  'contacts.revokeWord': '要取消联系人请写：设联系人 单位 成员 撤销，例如：设联系人 株洲 李强 撤销',
  'contacts.set': (p: { name: string; unit: string }) => `已把 ${p.name} 设为「${p.unit}」的联系人。`,
  'contacts.alreadySet': (p: { name: string; unit: string }) => `${p.name} 已经是「${p.unit}」的联系人。`,
  'contacts.revoked': (p: { name: string; unit: string }) => `已取消 ${p.name}「${p.unit}」联系人的身份。`,
  'contacts.notContact': (p: { name: string; unit: string }) => `${p.name} 不是「${p.unit}」的联系人，不需要撤销。`,

  // 解绑
  'units.unbind.confirmChat': (p: { unit: string }) => `要解除本群与「${p.unit}」的绑定吗？解除后本群不再收到排行和提醒，群成员也不能再代表该单位。`,
  'units.unbind.chatDone': (p: { unit: string }) => `已解除本群与「${p.unit}」的绑定。需要时可重新发送：绑定 单位名`,
  'units.unbind.confirmSelf': (p: { unit: string }) => `要取消您「${p.unit}」联系人的身份吗？`,
  'units.unbind.selfDone': (p: { unit: string }) => `您已不再是「${p.unit}」的联系人。需要时可重新发送：绑定 单位名`,
  'units.unbind.nothing': '本群和您都没有绑定单位，不需要解绑。要绑定请发送：绑定 单位名，例如：绑定 长沙',
  'units.unbind.selfHint': '本群没有绑定单位。要取消您自己的联系人身份，请发送：解绑 我',
  'units.unbind.selfNothing': '您没有绑定单位，不需要解绑。要绑定请发送：绑定 单位名，例如：绑定 长沙',
  'units.unbind.refusedUnbound': (p: { unit: string }) =>
    `只有「${p.unit}」的联系人或管理员可以解除本群的绑定。您自己没有绑定单位，不需要解绑；发送「我的」看看您在本群代表谁。`,
  'units.unbind.refused': (p: { unit: string }) => `只有「${p.unit}」的联系人或管理员可以解除本群的绑定。要取消您自己的绑定，请发送：解绑 我`,
  'units.bound': (p: { created: boolean; member: string; unit: string; kind: string }) =>
    `${p.created ? `已新建基层单位「${p.unit}」。\n` : ''}绑定成功：本群和您（${p.member}）都已绑定到「${p.unit}」（${p.kind}）。`,

  // 我的
  'units.me.who': (p: { name: string; role: string }) => `${p.name}（${p.role}）`,
  'units.me.myUnit': (p: { unit: string; kind: string }) => `我的单位：${p.unit}（${p.kind}）`,
  'units.me.myUnitNone': '我的单位：未绑定',
  /** The role of a member who is no unit's contact (and no admin). */
  'units.me.roleMember': '成员',
  'units.me.actingInGroup': (p: { unit: string }) => `在本群代表：${p.unit}（作为本群成员）`,
  'units.me.ownRequest': (p: { unit: string }) => `您申请做「${p.unit}」的联系人，正在等该单位联系人或管理员同意。`,
  'units.me.requestsToDecide': (p: { names: readonly string[] }) =>
    `等您同意的联系人申请：${p.names.join('、')}（回复「同意」或「拒绝」；多条时写名字，例如：同意 ${p.names[0]}）`,
  'units.me.adminWaiting': (p: { items: readonly string[] }) => `等您处理：\n${p.items.map((item) => `· ${item}`).join('\n')}`,
  'units.me.adminNothing': '等您处理：暂无',
  'units.me.adminHosts': (p: { pending: number; waitlisted: number }) =>
    `承办申报待审批 ${p.pending} 个${p.waitlisted ? `、候补 ${p.waitlisted} 个` : ''}：发送「审批列表」`,
  'units.me.adminMaterials': (p: { count: number }) => `${p.count} 个已办承办活动材料未齐：发送「材料情况」`,
  'units.me.adminNewContacts': (p: { lines: readonly string[] }) => `近 7 天自行绑定的第一位联系人：${p.lines.join('；')}（有误可发送：设联系人 单位 名字 撤销）`,
  'units.me.newContact': (p: { name: string; unit: string }) => `${p.name} → ${p.unit}`,
  'units.me.chatUnit': (p: { unit: string }) => `本群绑定：${p.unit}`,
  'units.me.chatUnitNone': '本群绑定：未绑定',
  'units.me.startHint': '发送「绑定 单位名」开始，例如：绑定 长沙。',
  'units.me.groups': (p: { count: number }) => `已登记社群：${p.count} 个`,
  'units.me.todo': (p: { items: readonly string[] }) => `待办：\n${p.items.map((item) => `· ${item}`).join('\n')}`,
  'units.me.todoNone': '待办：暂无',
  'units.me.todoReport': '本周还没上报好书荐读人数：上报 荐读 <人数>',
  'units.me.todoActivity': (p: { id: number; theme: string; startsAt: string }) =>
    `活动 #${p.id}「${p.theme}」（${p.startsAt}）待上报人数：活动完成 ${p.id} 人数 <n>`,
  'units.me.todoMaterials': (p: { id: number; theme: string; items: readonly string[]; example: string }) =>
    `承办活动 #${p.id}「${p.theme}」还差材料：${p.items.join('、')}，例如：${p.example}`,
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
  'units.help.access.contact': '单位联系人和管理员',
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

  // ---- 好书荐读: 荐书, 上报 and 排行 (commands/recommend.ts, report.ts, rank.ts; src/domain/reading.ts, ranking.ts).
  'reading.bookMissing': '书名不能为空，例如：荐书 《平凡的世界》 微博',
  'reading.recommendOutsideCampaign': '现在不在活动期内，暂不能记录荐书。活动开始后再发，例如：荐书 《平凡的世界》 微博',
  'reading.recommendDuplicate': (p: { person: string; book: string; id: number }) =>
    `${p.person} 已经推荐过《${p.book}》（编号 ${p.id}），不重复计数。换一本书再来吧！`,
  'reading.recommendSaved': (p: { person: string; platform: string; book: string; unit: string; weekCount: number; coveredBy?: { unit: string; count: number } }) =>
    `已记录：${p.person} 在${p.platform}推荐《${p.book}》，计入「${p.unit}」。本周本单位已有 ${p.weekCount} 条荐书记录。` +
    (p.coveredBy
      ? `\n「${p.coveredBy.unit}」本周已上报 ${p.coveredBy.count} 人，排行按上报数计，这条荐书不再另计；上报数要把荐书的人算在内。`
      : ''),

  // 撤回荐书
  /** What a recommendation is called in 「这条…不属于您代表的单位」. */
  'reading.noun': '荐书记录',
  'reading.withdrawWhich': '请写要撤回的书名或编号，例如：撤回荐书 《平凡的世界》',
  'reading.recommendationNotFound': (p: { id: number }) => `没有编号为 ${p.id} 的荐书记录（或已撤回）。也可以写书名，例如：撤回荐书 《平凡的世界》`,
  'reading.recommendationNotFoundByBook': (p: { book: string; person?: string }) =>
    p.person
      ? `没有找到 ${p.person} 推荐《${p.book}》的记录（或已撤回）。请核对书名和荐书人，例如：撤回荐书 《${p.book}》 荐书人=${p.person}`
      : `没有找到您登记的《${p.book}》荐书记录（或已撤回）。替同事登记的请写上荐书人，例如：撤回荐书 《${p.book}》 荐书人=李四`,
  'reading.recommendationAmbiguous': (p: { book: string; options: ReadonlyArray<{ id: number; person: string }> }) =>
    `《${p.book}》有 ${p.options.length} 条荐书记录：${p.options.map((o) => `#${o.id} ${o.person}`).join('、')}。请写编号，例如：撤回荐书 ${p.options[0].id}`,
  'reading.recommendationWithdrawn': (p: { id: number; person: string; book: string; unit: string }) =>
    `已撤回 ${p.person} 推荐的《${p.book}》（编号 ${p.id}），不再计入「${p.unit}」。撤回错了可在 30 分钟内发送「撤销」恢复。`,

  'reading.reportOutsideCampaign': '现在不在活动期内，暂不能上报。活动开始后每周上报一次，例如：上报 荐读 35',
  'reading.confirmUnusualCount': (p: { metric: string; count: number; usual: number | undefined; lastWeek?: boolean; replacing?: { count: number; by: string } }) =>
    p.replacing
      ? `${p.lastWeek ? '上周' : '本周'}${p.metric}要从 ${p.replacing.count} 人改为 ${p.count} 人吗？原来的 ${p.replacing.count} 人是 ${p.replacing.by} 上报的，新数比它少一半以上，请再核对一下。`
      : p.usual === undefined
      ? `${p.lastWeek ? '上周' : '本周'}${p.metric}记为 ${p.count} 人？这个数比较大，请再核对一下。`
      : `${p.lastWeek ? '上周' : '本周'}${p.metric}记为 ${p.count} 人？这比本单位以往最多的一周（${p.usual} 人）多很多，请再核对一下。`,
  /** `rule` is reading.reportRule; `corrected`: an admin changed a week whose ranking went out. */
  'reading.reportSaved': (p: { unit: string; lastWeek: boolean; week: string; metric: string; count: number; corrected: boolean; rule: string }) =>
    `已上报「${p.unit}」${p.lastWeek ? '上周' : '本周'}（${p.week}）${p.metric}：${p.count}。` +
    `${p.corrected ? '该周排行已发布，下次周排行会注明这次更正。' : '发送「排行」看看排名吧！'}\n${p.rule}`,
  /** `earlier`: who reported the replaced figure, when it was someone else. */
  'reading.reportReplaced': (p: {
    unit: string;
    lastWeek: boolean;
    week: string;
    metric: string;
    before: number;
    after: number;
    earlier: string | undefined;
    corrected: boolean;
    rule: string;
  }) =>
    (p.before === p.after
      ? `「${p.unit}」${p.lastWeek ? '上周' : '本周'}（${p.week}）${p.metric}已经是 ${p.after}，没有变化` +
        `${p.earlier ? `（由 ${p.earlier} 上报）` : ''}。`
      : `已更新「${p.unit}」${p.lastWeek ? '上周' : '本周'}（${p.week}）${p.metric}：${p.before} → ${p.after}` +
        `${p.earlier ? `（原由 ${p.earlier} 上报 ${p.before}）` : '（同一周再次上报会覆盖上次的数）'}。`) +
    `${p.corrected ? '该周排行已发布，下次周排行会注明这次更正。' : ''}\n${p.rule}`,
  /** How the figure just reported is counted (the counting rule, src/domain/ranking.ts), for the unit that reported it. */
  'reading.reportRule': (p: { parent: string | undefined; coveredByParent: boolean }) =>
    !p.parent
      ? '计数：这个数就是本单位这一周的人数，本单位的荐书和所属基层单位的数不再另计，请都算在内，每人只算一次。'
      : p.coveredByParent
        ? `计数：「${p.parent}」这一周已自己上报（已含本单位），以其数为准，这个数不再另计。`
        : `计数：这个数计入「${p.parent}」，本单位这一周的荐书不再另计，每人只算一次；「${p.parent}」自己上报时以其数为准（已含本单位）。`,
  'reading.unitDoesNotReport': (p: { unit: string }) =>
    `「${p.unit}」是活动主办方，不参加排行，不用上报。各单位请在本单位的群里上报，例如：上报 荐读 35；管理员代单位更正时写上单位，例如：上报 荐读 35 上周 单位=长沙`,
  'reading.lastWeekOutsideCampaign': (p: { week: string }) => `上周（${p.week}）不在活动期内，不能上报。本周的数请这样报，例如：上报 荐读 35`,
  'reading.weekClosed': (p: { week: string; at: string; admins: readonly string[] }) =>
    `上周（${p.week}）的排行已于 ${p.at} 发布，这一周的上报已截止。需要更正请联系管理员${p.admins.length ? `（${p.admins.join('、')}）` : ''}。` +
    `本周的数照常上报，例如：上报 荐读 35`,
  'reading.reportUnitUnknown': (p: { unit: string }) => `没有找到单位「${p.unit}」，或者它对应多个单位。请写单位全称或简称，例如：上报 荐读 35 单位=长沙`,
  'reading.reportNotYourUnit': (p: { unit: string }) =>
    `您只能为本单位或所属基层单位上报，「${p.unit}」不在其中。为本单位上报不用写单位，例如：上报 荐读 35`,

  // 未上报
  'reading.notReportedHeading': (p: { lastWeek: boolean; week: string; count: number }) =>
    `${p.lastWeek ? '上周' : '本周'}（${p.week}）既没上报也没有荐书的单位 ${p.count} 家：`,
  'reading.notReportedBoard': (p: { board: string; units: readonly string[] }) => `【${p.board}】${p.units.join('、')}`,
  'reading.notReportedNone': (p: { lastWeek: boolean; week: string }) => `${p.lastWeek ? '上周' : '本周'}（${p.week}）各单位都已上报或有荐书记录。`,

  /** The boards of the ranking, in the reply to 排行 and in the weekly push. */
  'reading.board': (p: { board: 'CITY' | 'INDUSTRY' }) => ({ CITY: '市州总工会', INDUSTRY: '产业工会及省直' })[p.board],
  /** Between the top places and the own unit further down. */
  'reading.rankGap': '…',
  'reading.rankNobody': '暂无数据',
  'reading.rankHeading': '好书荐读参与人数排行',
  'reading.rankWeekBoard': (p: { board: string; week: string }) => `【${p.board}·本周 ${p.week}】`,
  'reading.rankTotalBoard': (p: { board: string }) => `【${p.board}·累计】`,
  'reading.rankRow': (p: { own: boolean; rank: number; unit: string; participants: number }) =>
    `${p.own ? '👉' : ''}${p.rank}. ${p.unit} ${p.participants} 人`,
  'reading.rankFootnote': '计数：单位某周上报了就按上报数（已含其荐书和基层单位），没上报按荐书职工人数加基层单位的数；每人只计一次。',

  // ---- Texts of charts: the ranking as a picture (src/charts/ranking-chart.ts) and 排行图 (commands/rank-chart.ts).
  'charts.rankingTitle': (p: { campaign: string }) => `${p.campaign} 好书荐读排行`,
  'charts.rankingSubtitle': (p: { week: string }) => `本周 ${p.week} 参与人数（括号里是与前一周相比）`,
  'charts.boardTitle': (p: { board: string }) => `【${p.board}】`,
  /** A unit on the chart's axis: its place (none while it has nobody) and name. */
  'charts.place': (p: { place: number | undefined; unit: string }) => `${p.place === undefined ? '—' : `${p.place}.`} ${p.unit}`,
  /** The figure at the end of a bar, with the change against the week before when there is one. */
  'charts.barLabel': (p: { participants: number; more: number | undefined; placesUp: number }) => {
    if (p.more === undefined) return `${p.participants} 人`;
    const places = p.placesUp > 0 ? ` ↑${p.placesUp}` : p.placesUp < 0 ? ` ↓${-p.placesUp}` : '';
    return `${p.participants} 人（${p.more >= 0 ? '+' : ''}${p.more}${places}）`;
  },
  'charts.rankingFootnote': '计数：上报了按上报数（已含荐书和基层单位），没上报按荐书职工人数；每人只计一次。',
  /** 排行图 in the console: where the picture was written. */
  'charts.saved': (p: { path: string }) => `🖼 排行图已生成：${p.path}`,
  /** 排行图 where no picture can go (the WeCom application, DingTalk without its app): the text ranking above stands in. */
  'charts.textOnly': '这里暂时还发不了图片，先看上面的文字排行。',
  /** The picture's alternative text in markdown (DingTalk) and its title. */
  'charts.pictureAlt': '排行',
  /** A picture pushed to a console group: where the PNG was written. */
  'charts.pushed': (p: { path: string }) => `🖼 排行图：${p.path}`,

  // ---- Texts of communities: 附件2's 同城共读 reading groups (commands/*-group(s).ts, src/domain/communities.ts).
  /** What a community is called in 「这条…不属于您的单位」. */
  'communities.noun': '社群',
  'communities.foundedInFuture': (p: { foundedOn: string }) => `成立时间 ${p.foundedOn} 还没到，请核对。`,
  'communities.duplicate': (p: { unit: string; name: string; id: number }) =>
    `「${p.unit}」已经登记过社群「${p.name}」（编号 ${p.id}）。要改人数请发送：更新社群 ${p.id} 人数 <n>`,
  'communities.registered': (p: {
    id: number;
    name: string;
    unit: string;
    foundedOn: string;
    memberCount: number;
    features: string;
    contactName: string;
    contactPhone: string;
  }) =>
    [
      `已登记社群 #${p.id}「${p.name}」`,
      `组织单位：${p.unit}`,
      `成立时间：${p.foundedOn}`,
      `参与人数：${p.memberCount}`,
      `组织方式和特色：${p.features}`,
      `联系人：${p.contactName}${p.contactPhone ? ` ${p.contactPhone}` : ''}`,
      `人数有变化时发送：更新社群 ${p.id} 人数 <n>`,
    ].join('\n'),
  'communities.none': '还没有登记社群。发送「登记社群」开始，例如：登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周共读',
  'communities.listHeading': (p: { count: number; members: number }) => `读书社群 ${p.count} 个，共 ${p.members} 人：`,
  'communities.listLine': (p: { id: number; name: string; unit: string; memberCount: number; foundedOn: string; contactName: string }) =>
    `#${p.id} ${p.name}（${p.unit}）${p.memberCount} 人，${p.foundedOn} 成立，联系人 ${p.contactName}`,
  'communities.listTruncated': (p: { shown: number }) => `……只显示前 ${p.shown} 个`,
  'communities.whichNamed': (p: { name: string; found: number; prompt: string }) =>
    `${p.found ? `有 ${p.found} 个社群叫「${p.name}」` : `没有找到叫「${p.name}」的社群`}。${p.prompt}`,
  'communities.notFound': (p: { id: number }) => `没有编号为 ${p.id} 的社群。发送「社群列表」查看编号。`,
  /** `earlier`: 「（原由 王芳 登记）」 when someone else wrote the community last. */
  'communities.headCountUpdated': (p: { id: number; name: string; before: number; after: number; earlier?: string }) =>
    `已更新社群 #${p.id}「${p.name}」：参与人数 ${p.before} → ${p.after}${p.earlier ?? ''}`,

  // 修改社群, 删除社群
  'communities.nothingChanged': (p: { id: number }) => `社群 #${p.id} 本来就是这样，没有改动。请写新的值，例如：修改社群 ${p.id} 人数=150`,
  'communities.nameTaken': (p: { name: string; id: number; deleted: boolean; self: number }) =>
    `本单位${p.deleted ? '已删除的' : ''}社群 #${p.id} 用过名称「${p.name}」，请换一个，例如：修改社群 ${p.self} 名称=${p.name}读书会`,
  'communities.edited': (p: { id: number; name: string; lines: readonly string[]; earlier: string }) =>
    [`已修改社群 #${p.id}「${p.name}」：`, ...p.lines, p.earlier].filter(Boolean).join('\n'),
  'communities.deleted': (p: { id: number; name: string; unit: string }) =>
    `已删除社群 #${p.id}「${p.name}」（${p.unit}），不再计入列表、导出和排行。删错了可在 30 分钟内发送「撤销」恢复。`,

  // ---- Texts of activities: 附件1's 快闪 / 沙龙 / 读书月 (commands/*-event(s).ts, commands/event-done.ts, src/domain/activities.ts), and the 组织单位 both registrations name (src/domain/organisers.ts).
  /** What an activity is called in 「这条…不属于您的单位」. */
  'activities.noun': '活动',
  'activities.organiserUnknown': (p: { name: string }) =>
    `组织单位「${p.name}」没有找到或不唯一。基层单位请先发送「绑定 上级单位/基层单位全称」登记。`,
  'activities.organiserNotYours': (p: { unit: string }) => `您只能为本单位或下属基层单位登记，「${p.unit}」不在其中。`,
  'activities.outsideCampaign': (p: { startsAt: string; campaignStart: string; campaignEnd: string }) =>
    `活动时间 ${p.startsAt} 不在活动期内（${p.campaignStart} 至 ${p.campaignEnd}）。`,
  'activities.registered': (p: {
    kind: string;
    id: number;
    theme: string;
    unit: string;
    startsAt: string;
    place: string;
    contactName: string;
    contactPhone: string;
    /** The head count given when registering: a plan, shown as 预计人数. */
    expected?: number;
  }) =>
    [
      `已登记${p.kind} #${p.id}「${p.theme}」`,
      `组织单位：${p.unit}`,
      `时间：${p.startsAt}`,
      `地点：${p.place}`,
      ...(p.expected !== undefined ? [`预计人数：${p.expected}`] : []),
      `联系人：${p.contactName}${p.contactPhone ? ` ${p.contactPhone}` : ''}`,
      `活动结束后请发送：活动完成 ${p.id} 人数 <实际参与人数>`,
    ].join('\n'),
  'activities.confirmTwin': (p: { id: number; kind: string; theme: string; startsAt: string; place: string }) =>
    `已有相同的活动 #${p.id}（${p.kind}「${p.theme}」${p.startsAt} ${p.place}），还要再登记一个吗？`,
  'activities.none': '还没有登记活动。发送「登记活动」开始，例如：登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆 时间=6月20日下午2点',
  'activities.listHeading': (p: { count: number }) => `活动 ${p.count} 场：`,
  'activities.listLine': (p: { id: number; kind: string; theme: string; startsAt: string; place: string; unit: string; state: string }) =>
    `#${p.id} ${p.kind}「${p.theme}」${p.startsAt} ${p.place}（${p.unit}）— ${p.state}`,
  'activities.stateHeld': (p: { participants: number }) => `已完成，${p.participants} 人参与`,
  'activities.stateAwaitingCount': '待上报人数',
  'activities.statePlanned': '计划中',
  'activities.listTruncated': (p: { shown: number }) => `……只显示最近 ${p.shown} 场`,
  'activities.notFound': (p: { id: number }) => `没有编号为 ${p.id} 的活动。发送「活动列表」查看编号。`,
  'activities.notStarted': (p: { id: number }) => `活动 #${p.id} 还没开始，办完后再上报人数吧。`,
  /** `earlier`: who recorded the count it corrects, when someone else did. */
  'activities.held': (p: { kind: string; id: number; theme: string; participants: number; correctedFrom?: number; earlier?: string }) =>
    `已记录${p.kind} #${p.id}「${p.theme}」完成，参与 ${p.participants} 人` +
    `${p.correctedFrom === undefined ? '' : `（原为 ${p.correctedFrom} 人${p.earlier ? `，原由 ${p.earlier} 上报` : ''}，已更正）`}。辛苦了！`,

  // 修改活动, 取消活动
  'activities.nothingChanged': (p: { id: number }) => `活动 #${p.id} 本来就是这样，没有改动。请写新的值，例如：修改活动 ${p.id} 地点=市图书馆`,
  'activities.heldNotLater': (p: { id: number; startsAt: string }) =>
    `活动 #${p.id} 已经办完，时间不能改到以后（${p.startsAt}）。请写它实际举办的时间，例如：修改活动 ${p.id} 时间=6月6日下午2点`,
  'activities.edited': (p: { kind: string; id: number; theme: string; lines: readonly string[]; earlier: string }) =>
    [`已修改${p.kind} #${p.id}「${p.theme}」：`, ...p.lines, p.earlier].filter(Boolean).join('\n'),
  'activities.cancelled': (p: { kind: string; id: number; theme: string; unit: string }) =>
    `已取消${p.kind} #${p.id}「${p.theme}」（${p.unit}），不再计入列表、导出、提醒和排行。取消错了可在 30 分钟内发送「撤销」恢复。`,

  // ---- Texts of corrections: what a change shows (修改社群, 修改活动, 撤销; src/domain/changes.ts), plausible head counts (src/domain/bounds.ts), and 撤销 (commands/undo.ts, src/domain/undo.ts).
  /** A column as a change line names it. */
  'corrections.field': (p: { field: string }) =>
    ({
      name: '社群名称',
      foundedOn: '成立时间',
      memberCount: '参与人数',
      features: '组织方式和特色',
      contactName: '联系人',
      contactPhone: '电话',
      kind: '类型',
      theme: '活动主题',
      place: '活动地点',
      startsAt: '活动时间',
      participantCount: '参与人数',
      status: '状态',
    })[p.field] ?? p.field,
  'corrections.changeLine': (p: { label: string; before: string; after: string }) => `${p.label}：${p.before} → ${p.after}`,
  'corrections.empty': '（空）',
  'corrections.status': (p: { status: 'PLANNED' | 'HELD' }) => (p.status === 'HELD' ? '已完成' : '计划中'),
  'corrections.earlierAuthor': (p: { name: string; how: 'registered' | 'changed' }) => `（原由 ${p.name} ${p.how === 'registered' ? '登记' : '修改'}）`,
  'corrections.unknownField': (p: { typed: string; labels: readonly string[]; example: string }) =>
    `没看懂「${p.typed}」要改哪一项。可以改：${p.labels.join('、')}。例如：${p.example}`,
  'corrections.badValue': (p: { problem: string; example: string }) => `${p.problem}。例如：${p.example}`,

  /** Why a head count is asked about: what it is for, the figure, and what is usual. */
  'bounds.confirm': (p: { what: string; label: string; n: number; limit: number }) =>
    `${p.what}${p.label}记为 ${p.n} 人？${p.what}一般不超过 ${p.limit} 人，请再核对一下。`,
  'bounds.confirmDrop': (p: { label: string; before: number; n: number; by: string }) =>
    `${p.label}要从 ${p.before} 改为 ${p.n} 吗？原来的 ${p.before} 是 ${p.by} 填的，新数比它少一半以上，请再核对一下。`,
  /** Who wrote a figure, when their name is gone. */
  'bounds.someoneElse': '其他人',
  'bounds.community': '读书社群',
  'bounds.host': '承办的主题读书月活动',

  // 撤销
  'undo.nothing':
    '您 30 分钟内没有可以撤销的操作。「撤销」撤回您本人 30 分钟内的最后一步：登记、修改、删除社群，登记、修改、取消活动，活动完成，荐书和撤回荐书。' +
    '例如：刚登记的社群填错了，发送「撤销」就会删除它。上报再报一次就会覆盖；承办申报请用「撤回申报」。',
  'undo.takesNoNumber': '「撤销」不带编号，只撤回您最近的一步。要处理某一条，请直接发送，例如：删除社群 3、取消活动 5、撤回荐书 《活着》、撤回申报 4',
  'undo.ago': (p: { minutes: number }) => (p.minutes < 1 ? '刚才' : `${p.minutes} 分钟前`),
  /** The change to undo, as the sender did it. */
  'undo.what': (p: { entity: 'ReadingGroup' | 'Activity' | 'Recommendation'; action: string; id: number; title: string; kind: string; person: string }) => {
    const group = `社群 #${p.id}「${p.title}」`;
    const activity = `#${p.id}「${p.title}」`;
    const book = `${p.person}《${p.title}》（编号 ${p.id}）`;
    const words: Record<string, Record<string, string>> = {
      ReadingGroup: { create: `登记${group}`, update: `更新${group}的人数`, edit: `修改${group}`, delete: `删除${group}` },
      Activity: { create: `登记${p.kind} ${activity}`, edit: `修改活动 ${activity}`, held: `活动完成 ${activity}`, cancel: `取消活动 ${activity}` },
      Recommendation: { create: `荐书 ${book}`, withdraw: `撤回荐书 ${book}` },
    };
    return words[p.entity][p.action] ?? `${p.action} ${p.id}`;
  },
  /** What undoing does: a record goes or comes back, or the change lines (「参与人数：150 → 120」). */
  'undo.effect': (p: { effect: 'remove' | 'restore' | 'revert'; entity: 'ReadingGroup' | 'Activity' | 'Recommendation'; id: number; lines: readonly string[]; done: boolean }) => {
    const record = { ReadingGroup: `社群 #${p.id}`, Activity: `活动 #${p.id}`, Recommendation: `荐书记录 #${p.id}` }[p.entity];
    const gone = { ReadingGroup: '删除', Activity: '取消', Recommendation: '撤回' }[p.entity];
    if (p.effect === 'remove') return p.done ? `${record} 已${gone}。` : `${record} 将被${gone}。`;
    if (p.effect === 'restore') return p.done ? `${record} 已恢复。` : `${record} 将恢复。`;
    return p.lines.join('\n');
  },
  'undo.confirm': (p: { what: string; ago: string; effect: string }) => `要撤销您${p.ago}的这一步吗？\n${p.what}\n撤销后：\n${p.effect}`,
  'undo.done': (p: { what: string; effect: string }) => `已撤销：${p.what}\n${p.effect}`,
  /** A record as the refusals below name it. */
  'undo.record': (p: { entity: 'ReadingGroup' | 'Activity' | 'Recommendation'; id: number }) =>
    ({ ReadingGroup: `社群 #${p.id}`, Activity: `活动 #${p.id}`, Recommendation: `荐书记录 #${p.id}` })[p.entity],
  'undo.recordGone': (p: { what: string }) => `${p.what}已被删除或取消，不能再撤销。发送「社群列表」或「活动列表」看看现有的记录。`,
  'undo.alreadyBack': (p: { what: string }) => `${p.what}已经恢复了，不需要撤销。发送「社群列表」或「活动列表」看看现有的记录。`,
  'undo.changedByOthers': (p: { what: string; by: string; entity: 'ReadingGroup' | 'Activity' | 'Recommendation'; id: number }) =>
    `${p.what}在您之后已被 ${p.by} 改过，不能直接撤销。如要删掉它，请发送：${
      { ReadingGroup: `删除社群 ${p.id}`, Activity: `取消活动 ${p.id}`, Recommendation: `撤回荐书 ${p.id}` }[p.entity]
    }`,
  'undo.changedSince': (p: { what: string; label: string; value: string; entity: 'ReadingGroup' | 'Activity' | 'Recommendation'; id: number }) =>
    `${p.what} 的${p.label}之后又改成了 ${p.value}，不能撤销。请直接修改，例如：${p.entity === 'Activity' ? '修改活动' : '修改社群'} ${p.id} ${p.label}=${p.value}`,
  'undo.recommendedAgain': (p: { book: string; person: string; id: number }) =>
    `${p.person} 之后又推荐了《${p.book}》（编号 ${p.id}），撤回的那条不再恢复。要撤回新的那条请发送：撤回荐书 ${p.id}`,

  // ---- Texts of hosting: 承办申报 of the provincial 主题读书月 event and its approval (commands/host.ts, my-hosts, withdraw-host, approvals, approve, reject, set-capacity; src/domain/hosting.ts).
  /** What a request is called in 「这条…不属于您的单位」. */
  'hosting.noun': '申报',

  // 申报承办
  'hosting.unitMayNotHost': (p: { unit: string }) =>
    `「${p.unit}」是活动主办方，不用申报承办。请市州、产业工会或基层单位在本单位的群里申报，例如：申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日下午2点 地点=市工人文化宫 人数=200；查看各单位的申报请发送：审批列表`,
  'hosting.monthPast': (p: { month: string }) => `${p.month} 已经过去了，请申报本月或以后的月份，例如：申报承办 月份=下个月 主题=… 日期=… 地点=… 人数=…`,
  'hosting.monthOutsideCampaign': (p: { month: string; from: string; to: string }) => `${p.month} 不在活动期内（${p.from} 至 ${p.to}）。`,
  'hosting.dateOutsideMonth': (p: { date: string; month: string }) => `拟办日期 ${p.date} 不在 ${p.month} 内，请核对月份和日期。`,
  'hosting.alreadyRequested': (p: { unit: string; month: string; id: number; status: string }) =>
    `「${p.unit}」${p.month} 已有申报 #${p.id}（${p.status}）。如需修改，请先发送：撤回申报 ${p.id}`,
  'hosting.requested': (p: RequestDetails & { id: number; waitlisted: boolean; month: string; left: number; capacity: number; email: string }) =>
    [
      `承办申报 #${p.id}：${
        p.waitlisted
          ? `${p.month} 的名额已满，已列入候补；有名额空出时会按申报先后递补。`
          : `已提交，等待省总工会审批（${p.month} 还剩 ${p.left}/${p.capacity} 个名额）。`
      }`,
      `单位：${p.unit}`,
      `主题：${p.theme}`,
      `日期：${p.date}`,
      `地点：${p.place}`,
      `预计人数：${p.expected}`,
      `联系人：${contact(p)}`,
      `提醒：请按《通知》把《主题读书月活动计划申报表》扫描签章后发送至 ${p.email}。`,
    ].join('\n'),

  // 我的申报
  'hosting.noneForUnit': (p: { unit: string }) => `「${p.unit}」还没有承办申报。发送「帮助 申报承办」看怎么申报。`,
  'hosting.unitHeading': (p: { unit: string }) => `「${p.unit}」的承办申报：`,
  /** `reason` is shown for a rejected request; pass '' otherwise. */
  'hosting.unitLine': (p: { id: number; month: string; theme: string; date: string; place: string; status: string; reason: string }) =>
    `#${p.id} ${p.month}「${p.theme}」${p.date} ${p.place} — ${p.status}${p.reason ? `，理由：${p.reason}` : ''}`,

  // 撤回申报
  'hosting.notFoundMine': (p: { id: number }) => `没有编号为 ${p.id} 的承办申报。发送「我的申报」查看。`,
  'hosting.nothingToWithdraw': (p: { id: number; status: string }) => `申报 #${p.id} 当前状态是「${p.status}」，不需要撤回。发送「我的申报」看看各申报的状态。`,
  'hosting.statusJustChanged': (p: { id: number }) => `申报 #${p.id} 的状态刚刚变了，请发送「我的申报」查看。`,
  'hosting.confirmWithdrawApproved': (p: { id: number; month: string; theme: string }) =>
    `申报 #${p.id}（${p.month}「${p.theme}」）已获批准。撤回后名额会让给其他单位，不能恢复。确定要撤回吗？`,
  'hosting.confirmWithdraw': (p: { id: number; unit: string; month: string; theme: string }) => `要撤回 #${p.id} ${p.unit} ${p.month}「${p.theme}」吗？`,
  'hosting.withdrawNotYours': (p: { id: number; unit: string }) =>
    `申报 #${p.id} 是「${p.unit}」的，只有申报人、该单位联系人或省总工会管理员可以撤回。`,
  'hosting.withdrawn': (p: { id: number; month: string; theme: string }) => `已撤回承办申报 #${p.id}（${p.month}「${p.theme}」）。`,
  'hosting.withdrawPromoted': (p: { month: string; id: number }) => `${p.month} 空出一个名额，候补申报 #${p.id} 已转为待审批。`,

  // 审批列表
  'hosting.noneToDecide': '目前没有待审批的承办申报。',
  'hosting.approvalsHeading': '待审批的承办申报：',
  'hosting.approvalsMonth': (p: { month: string; left: number; capacity: number }) => `【${p.month}】剩余名额 ${p.left}/${p.capacity}`,
  'hosting.approvalsLine': (p: RequestDetails & { id: number; status: string }) =>
    `#${p.id} ${p.unit}「${p.theme}」${p.date} ${p.place}，预计 ${p.expected} 人，联系人 ${contact(p)} — ${p.status}`,
  'hosting.approvalsHint': '批准：批准 <编号>；驳回：驳回 <编号> <理由>',

  // 批准 / 驳回
  'hosting.notFound': (p: { id: number }) => `没有编号为 ${p.id} 的承办申报。发送「审批列表」查看。`,
  'hosting.cannotDecide': (p: { id: number; status: string; decision: 'APPROVED' | 'REJECTED' }) =>
    `申报 #${p.id} 当前状态是「${p.status}」，不能再${decided(p.decision)}。发送「审批列表」看看待审批的申报。`,
  'hosting.alreadyDecided': (p: { id: number; by: string; at: string; decision: 'APPROVED' | 'REJECTED' }) =>
    `申报 #${p.id} 已由${p.by}于 ${p.at} ${decided(p.decision)}，无需再处理。`,
  /** Who decided, when the deciding member is gone. */
  'hosting.anotherAdmin': '其他管理员',
  'hosting.decidedMeanwhile': (p: { id: number }) => `申报 #${p.id} 刚刚已被其他管理员处理。`,
  'hosting.monthFull': (p: { month: string; capacity: number }) => `${p.month} 的承办名额（${p.capacity} 个）已满，不能再批准。`,
  'hosting.approved': (p: { id: number; unit: string; month: string; theme: string; left: number; capacity: number }) =>
    `已批准 #${p.id}：${p.unit} 承办 ${p.month}「${p.theme}」。${p.month} 剩余名额 ${p.left}/${p.capacity}。`,
  'hosting.approvalWaitlisted': (p: { month: string; ids: readonly number[] }) => `${p.month} 名额已满，${numbered(p.ids)} 转为候补。`,
  'hosting.confirmReject': (p: { id: number; unit: string; month: string; theme: string; reason: string }) =>
    `将驳回 #${p.id} ${p.unit} ${p.month}「${p.theme}」，理由：${p.reason}\n驳回后会通知申报单位，不能恢复。回复「是」确认，或发新的理由`,
  'hosting.rejected': (p: { id: number; unit: string; month: string; theme: string; reason: string }) =>
    `已驳回 #${p.id}：${p.unit} ${p.month}「${p.theme}」。理由：${p.reason}`,

  // 设置承办名额
  'hosting.capacityTooSmall': '每月至少 1 个承办名额（《通知》：每月 2—3 个），例如：设置承办名额 2020-07 3',
  'hosting.capacityBelowApproved': (p: { month: string; approved: number }) => `${p.month} 已批准 ${p.approved} 家，名额不能少于 ${p.approved}。`,
  'hosting.capacitySet': (p: { month: string; capacity: number; approved: number }) =>
    `${p.month} 的承办名额已设为 ${p.capacity} 个（已批准 ${p.approved} 个）。`,
  'hosting.capacityPromoted': (p: { ids: readonly number[] }) => `候补的 ${numbered(p.ids)} 已转为待审批。`,
  'hosting.capacityWaitlisted': (p: { ids: readonly number[] }) => `名额已满，${numbered(p.ids)} 转为候补。`,

  // ---- Texts of deliverables: what a host hands in after its event (承办单位须知), and the checklist (commands/deliver.ts, deliverables-status.ts; src/domain/deliverables.ts; the daily reminder).
  // The four items, as people call them.
  'deliverables.label.photos': '照片',
  'deliverables.label.video': '视频',
  'deliverables.label.article': '稿件',
  'deliverables.label.logo': '标识',

  // Each item's rule, as the checklist shows what is still owed.
  'deliverables.rule.photos': (p: { min: number; max: number }) => `活动照片 ${p.min}—${p.max} 张（高清大图）`,
  'deliverables.rule.video': (p: { minutes: number }) => `剪辑视频 1 个（${p.minutes} 分钟内，附链接）`,
  'deliverables.rule.article': (p: { chars: number }) => `宣传稿件 1 篇（${p.chars} 字左右，附链接）`,
  'deliverables.rule.logo': (p: { logo: string }) => `现场使用「${p.logo}」活动标识`,

  // What has been handed in, as the checklist shows it.
  'deliverables.done.photos': (p: { count: number }) => `照片 ${p.count} 张`,
  'deliverables.done.video': (p: { duration: string }) => `视频 ${p.duration}`.trim(),
  'deliverables.done.article': (p: { chars: number | null }) => `稿件 ${p.chars ?? ''}${p.chars ? ' 字' : ''}`.trim(),
  'deliverables.done.logo': '标识已使用',
  'deliverables.checkDone': (p: { what: string }) => `✅ ${p.what}`,
  'deliverables.checkOwed': (p: { rule: string }) => `⬜ ${p.rule}`,

  // How to hand each item in.
  'deliverables.example.photos': '提交材料 照片 5',
  'deliverables.example.video': '提交材料 视频 https://… 2分40秒',
  'deliverables.example.article': '提交材料 稿件 https://… 820字',
  'deliverables.example.logo': '提交材料 标识 已使用',

  /** 160 → 2分40秒, 180 → 3分钟, 45 → 45秒. */
  'deliverables.duration': (p: { seconds: number }) => {
    const minutes = Math.floor(p.seconds / 60);
    const seconds = p.seconds % 60;
    return minutes ? `${minutes}分${seconds ? `${seconds}秒` : '钟'}` : `${seconds}秒`;
  },

  // 提交材料
  'deliverables.noEventHeld': (p: { unit: string }) => `「${p.unit}」还没有已举办的承办活动。省总批准的活动办完后，再来提交材料。`,
  'deliverables.whichItem': (p: { usage: string }) => `请写明提交的是哪一项，例如：\n${p.usage}`,
  'deliverables.linkMissing': (p: { usage: string }) => `请附上作品的链接（http:// 或 https:// 开头），例如：\n${p.usage}`,
  'deliverables.photoCountMissing': (p: { example: string }) => `请写照片张数，例如：${p.example}`,
  'deliverables.photoCountOutOfRange': (p: { min: number; max: number; count: number }) =>
    `照片需要 ${p.min}—${p.max} 张高清大图，您写的是 ${p.count} 张。`,
  'deliverables.videoDurationMissing': (p: { example: string }) => `请写视频时长，例如：${p.example}`,
  'deliverables.videoTooLong': (p: { minutes: number; duration: string }) => `视频要控制在 ${p.minutes} 分钟内，这个有 ${p.duration}，请剪短后再提交。`,
  'deliverables.articleCharsMissing': (p: { example: string }) => `请写稿件字数，例如：${p.example}`,
  'deliverables.articleOutOfRange': (p: { target: number; min: number; max: number; chars: number }) =>
    `宣传稿件要求 ${p.target} 字左右（${p.min}—${p.max} 字），这篇是 ${p.chars} 字。`,
  'deliverables.logoNotConfirmed': (p: { logo: string; example: string }) => `活动现场须统一使用「${p.logo}」活动标识。用了的话请发送：${p.example}`,
  'deliverables.saved.photos': (p: { count: number }) => `照片 ${p.count} 张`,
  'deliverables.saved.video': (p: { duration: string }) => `视频（${p.duration}）`,
  'deliverables.saved.article': (p: { chars: number }) => `稿件（${p.chars} 字）`,
  'deliverables.saved.logo': '标识已使用',
  'deliverables.received': (p: { id: number; theme: string; date: string; saved: string }) => `已收到 #${p.id}「${p.theme}」（${p.date}）的${p.saved}。`,
  'deliverables.stillMissing': (p: { items: readonly string[] }) => `还差：${p.items.join('、')}。`,
  'deliverables.complete': '材料已齐全，感谢承办！',

  // 材料情况
  'deliverables.noHosts': '还没有批准的承办活动。',
  'deliverables.statusHeading': '承办活动材料情况：',
  /** `missing` is undefined while the event has not been held. */
  'deliverables.statusLine': (p: { id: number; unit: string; date: string; theme: string; missing: readonly string[] | undefined }) =>
    `#${p.id} ${p.unit} ${p.date}「${p.theme}」：${
      !p.missing ? '活动还没举办' : p.missing.length ? `还差 ${p.missing.join('、')}` : '✅ 已齐全'
    }`,

  // ---- Texts of the admin commands: 设管理员 (src/domain/members.ts), 发送状态 and 重发 (src/outbox/outbox.ts, worker.ts), 导出 (src/domain/exports.ts, src/admin-export.ts).
  // 设管理员
  /** The words after the member that take the role back (lower case). */
  'admin.revokeWords': '撤销 取消 revoke',
  'admin.revokeWord': '要取消管理员请写：设管理员 <成员> 撤销',
  'admin.memberNotFound': (p: { who: string }) => `没找到「${p.who}」。请让对方先在群里给我发一条消息（例如「帮助」），再设置。`,
  'admin.memberAmbiguous': (p: { who: string; members: ReadonlyArray<{ name: string; userId: string }> }) =>
    `有多位成员叫「${p.who}」，请改用账号：\n${p.members.map((m) => `· ${m.name}（${m.userId}）`).join('\n')}`,
  'admin.superadminUntouchable': (p: { name: string }) => `${p.name} 是超级管理员（由配置指定），不在这里修改。`,
  'admin.alreadyNotAdmin': (p: { name: string }) => `${p.name} 本来就不是管理员。`,
  'admin.alreadyAdmin': (p: { name: string }) => `${p.name} 已经是管理员了。`,
  'admin.revoked': (p: { name: string }) => `已取消 ${p.name} 的管理员权限。`,
  'admin.granted': (p: { name: string; userId: string }) =>
    `已把 ${p.name}${p.name === p.userId ? '' : `（${p.userId}）`}设为管理员，可以审批承办申报了。`,

  // 发送状态, 重发
  'admin.outbox.summary': (p: { queued: number; sentToday: number; failed: number }) =>
    `推送发送情况：排队中 ${p.queued} 条，今天已发送 ${p.sentToday} 条，发送失败 ${p.failed} 条。`,
  'admin.outbox.failedMessages': (p: { count: number }) => `处理出错的消息 ${p.count} 条（已回复道歉，错误已记录在案）。`,
  'admin.outbox.recentFailures': '最近的失败：',
  'admin.outbox.toPerson': (p: { userId: string }) => `发给 ${p.userId}`,
  'admin.outbox.failure': (p: { id: number; where: string; at: string; attempts: number; error: string }) =>
    `#${p.id} ${p.where}（${p.at}，试了 ${p.attempts} 次）：${p.error}`,
  'admin.outbox.resendHint': '修好原因后（例如重新「设置推送」），发送：重发 <编号>',
  'admin.outbox.notFound': (p: { id: number }) => `没有编号为 ${p.id} 的推送。发送「发送状态」查看失败的推送。`,
  'admin.outbox.notFailed': (p: { id: number; sent: boolean }) => `推送 #${p.id} 没有失败（现在是${p.sent ? '已发送' : '排队中'}），不需要重发。`,
  'admin.outbox.requeued': (p: { id: number }) => `推送 #${p.id} 已重新排队，马上发送。`,
  // What the worker records as a push's last error (发送状态 shows it).
  'admin.outbox.pushCleared': '本群的推送地址已被清除',
  'admin.outbox.noPushAddress': '本群没有设置推送地址（设置推送）',
  /** A push past its use-by time (expiresAt): given up after `attempts` tries; `error` is the last one's, if any. */
  'admin.outbox.expired': (p: { until: string; attempts: number; error: string }) =>
    p.attempts
      ? `已过时效（${p.until}），试了 ${p.attempts} 次都没发出，不再重试。最后一次的原因：${p.error}`
      : `已过时效（${p.until}），还没来得及发送，不再发送。`,

  // 导出
  'admin.export.whichTable':
    '请写明导出哪张表：附件1（职工主题读书月活动情况统计表）或 附件2（“同城共读”微信读书社群活动情况统计表），例如：导出 附件1',
  'admin.export.unitNotFound': (p: { unit: string }) => `没有找到单位「${p.unit}」。请写市州或产业工会的名称，例如：导出 附件1 长沙`,
  'admin.export.linksOff': '导出链接还没开通：请让系统管理员设置 ADMIN_TOKEN 和 PUBLIC_BASE_URL。也可以在服务器上运行 npm run export。',
  'admin.export.wholeProvince': '全省，有记录的市州、产业工会各一页，附全省汇总',
  'admin.export.heading': (p: { table: string; title: string; scope: string; format: string }) => `附件${p.table}《${p.title}》（${p.scope}，${p.format}）：`,
  'admin.export.validity': (p: { hours: number; until: string }) => `链接 ${p.hours} 小时内有效（至 ${p.until}）。`,
  'admin.export.linkExpired': '链接已过期，请在群里重新发送「导出」。',

  // ---- Texts of the exported tables: the notice's titles and column headers, word for word (src/domain/exports.ts).
  'tables.activities.title': '基层单位职工主题读书月活动情况统计表',
  'tables.groups.title': '基层单位“同城共读”微信读书社群活动情况统计表',
  'tables.column.serial': '序号',
  'tables.column.organiser': '活动组织单位',
  'tables.column.theme': '活动主题',
  'tables.column.place': '活动地点',
  'tables.column.time': '活动时间',
  'tables.column.participants': '参与人数',
  'tables.column.contact': '联系人',
  'tables.column.groupName': '社群名称',
  'tables.column.founded': '成立时间',
  'tables.column.features': '主要活动组织方式和特色',
  'tables.unitLine': (p: { unit: string }) => `市州、省产业工会：${p.unit}`,
  'tables.province': '全省',
  'tables.summarySheet': '全省汇总',
  // 城市读书快闪: no table of its own in the notice; exported beside 附件1 with its columns (a sheet, or a second table in the .csv).
  'tables.flash.title': '城市读书快闪活动情况统计表',
  'tables.flash.sheet': '城市读书快闪',
  'tables.filename': (p: { table: number; scope: string; format: string }) => `附件${p.table}-${p.scope}.${p.format}`,
  // npm run export (a developer reads this).
  'tables.scriptUsage':
    'usage: npm run export -- --table 1|2 [--unit 长沙市总工会] [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out file.xlsx|file.csv',

  // ---- Texts of notices: what admins and the applicant's group hear in the 承办 cycle once a change has committed (src/outbox/host-notices.ts): the approval card, decisions, the waitlist.
  // The approval card every admin gets for a new request.
  'notices.cardTitle': (p: { id: number; unit: string }) => `承办申报 #${p.id}：${p.unit}`,
  'notices.cardSlots': (p: { month: string; left: number; capacity: number; waitlisted: boolean }) =>
    `${p.month} 剩余名额 ${p.left}/${p.capacity}${p.waitlisted ? '（已候补）' : ''}`,
  'notices.cardTheme': '主题',
  'notices.cardDate': '日期',
  'notices.cardPlace': '地点',
  'notices.cardExpected': '人数',
  'notices.cardExpectedValue': (p: { count: number }) => `预计 ${p.count} 人`,
  'notices.cardContact': '联系人',
  'notices.cardMonth': '月份',
  'notices.cardApprove': '批准',
  'notices.cardReject': '驳回',
  /** What a button sends as text where a platform cannot call back. */
  'notices.approveCommand': (p: { id: number }) => `批准 ${p.id}`,
  'notices.rejectCommand': (p: { id: number }) => `驳回 ${p.id}`,
  /** Every admin's card once the request is decided. */
  'notices.cardDecided': (p: { by: string; decision: 'APPROVED' | 'REJECTED' }) => `已由${p.by}${p.decision === 'APPROVED' ? '批准' : '驳回'}`,

  // The applicant's group.
  'notices.approved': (p: { id: number; unit: string; month: string; theme: string }) =>
    `🎉 承办申报 #${p.id}（${p.unit} ${p.month}「${p.theme}」）已获省总工会批准！请按《通知》做好筹备，活动办完后发送「提交材料」提交照片、视频和稿件。`,
  'notices.rejected': (p: { id: number; unit: string; month: string; theme: string; reason: string }) =>
    `承办申报 #${p.id}（${p.unit} ${p.month}「${p.theme}」）未获批准。理由：${p.reason}\n欢迎申报其他月份。`,
  'notices.waitlisted': (p: { id: number; month: string; theme: string }) =>
    `承办申报 #${p.id}（${p.month}「${p.theme}」）：${p.month} 的名额已满，已列入候补；有名额空出时会按申报先后递补。`,
  'notices.contactFirst': (p: { name: string; unit: string }) =>
    `${p.name} 已自行绑定为「${p.unit}」的第一位联系人。如有不对，可发送：设联系人 ${p.unit} ${p.name} 撤销`,
  'notices.contactRequested': (p: { name: string; unit: string }) =>
    `${p.name} 申请做「${p.unit}」的联系人。同意请回复「同意」，不同意请回复「拒绝」；有多条申请时写名字，例如：同意 ${p.name}`,
  'notices.contactApproved': (p: { name: string; unit: string; by: string }) => `${p.name}，${p.by} 已同意您做「${p.unit}」的联系人。`,
  'notices.contactRejected': (p: { name: string; unit: string; by: string }) =>
    `${p.name}，${p.by} 没有同意您做「${p.unit}」的联系人。如有疑问，请联系该单位联系人或省总工会管理员。`,
  'notices.withdrawnToGroup': (p: { id: number; unit: string; month: string; theme: string; by: string }) =>
    `承办申报 #${p.id}（${p.unit} ${p.month}「${p.theme}」）已由 ${p.by} 撤回。如有疑问，请联系省总工会。`,
  'notices.promoted': (p: { id: number; month: string; theme: string }) =>
    `承办申报 #${p.id}（${p.month}「${p.theme}」）有名额空出，已从候补转为待审批。`,

  // The admins.
  'notices.withdrawnToAdmins': (p: { id: number; unit: string; month: string; theme: string; by: string }) =>
    `${p.unit} 撤回了已批准的承办申报 #${p.id}（${p.month}「${p.theme}」，由 ${p.by} 操作），${p.month} 空出一个名额。`,
  'notices.pendingWithdrawnToAdmins': (p: { id: number; unit: string; month: string; theme: string; by: string }) =>
    `${p.unit} 的承办申报 #${p.id}（${p.month}「${p.theme}」）已由 ${p.by} 撤回，无需再审批。`,
  'notices.promotedToAdmins': (p: { id: number; unit: string; month: string; theme: string; at: string }) =>
    `${p.month} 有承办名额空出：候补的 #${p.id} ${p.unit}「${p.theme}」已转为待审批（${p.at}）。发送「审批列表」查看。`,

  // ---- Scheduled pushes to the groups (src/jobs/jobs.ts).
  'jobs.rankingHeading': (p: { week: string }) => `📊 好书荐读周排行（${p.week}）`,
  'jobs.rankingBoard': (p: { board: string }) => `【${p.board}】`,
  /**
   * One unit in the weekly push: its place (none while it has nobody: no place to speak of), and
   * in brackets the change in participants and places against the week before.
   */
  'jobs.rankingRow': (p: { own: boolean; place: number | undefined; unit: string; participants: number; more: number; placesUp: number }) => {
    const places = p.placesUp > 0 ? `，↑${p.placesUp}` : p.placesUp < 0 ? `，↓${-p.placesUp}` : '';
    return `${p.own ? '👉' : ''}${p.place === undefined ? '—' : `${p.place}.`} ${p.unit} ${p.participants} 人（${p.more >= 0 ? '+' : ''}${p.more}${places}）`;
  },
  'jobs.rankingFootnote': '计数：上报了按上报数（已含荐书和基层单位），没上报按荐书职工人数；每人只计一次。括号里是与前一周相比。发送「排行」看实时排行。',
  /** The reporting units with no figure for the ranked week, by short name, in one line. */
  'jobs.rankingNotReported': (p: { units: readonly string[] }) => `未上报（${p.units.length} 家）：${p.units.join('、')}`,
  /** Figures an admin corrected since the last ranking, after their week's ranking went out. */
  'jobs.rankingCorrections': (p: { items: ReadonlyArray<{ unit: string; week: string; count: number }> }) =>
    `📝 已更正：${p.items.map((item) => `${item.unit}（${item.week}）改为 ${item.count} 人`).join('；')}`,

  'jobs.reportReminder': (p: { week: string; unit: string }) =>
    `⏰ 本周（${p.week}）「${p.unit}」还没有上报好书荐读参与人数。\n请发送：上报 荐读 <人数>，例如：上报 荐读 35`,

  /** An activity as the reminders name it. */
  'jobs.activity': (p: { kind: string; theme: string; when: string; place: string }) => `${p.kind}「${p.theme}」（${p.when}，${p.place}）`,
  'jobs.activityEve': (p: { activity: string; id: number }) => `📅 明天有活动：${p.activity}。请做好准备，活动结束后发送：活动完成 ${p.id} 人数 <参与人数>`,
  'jobs.activityCount': (p: { activity: string; id: number; nth: number; of: number }) =>
    `📝 ${p.activity}结束了吗？请发送：活动完成 ${p.id} 人数 <参与人数>（第 ${p.nth}/${p.of} 次提醒）`,

  'jobs.hostWindow': (p: { year: number; month: number; monthKey: string; left: number; capacity: number }) =>
    (p.left > 0
      ? `📣 ${p.year}年${p.month}月省总主题读书月活动开始接受承办申报，还剩 ${p.left}/${p.capacity} 个名额。\n`
      : `📣 ${p.year}年${p.month}月省总主题读书月活动的 ${p.capacity} 个承办名额已满；现在申报会列入候补，有名额空出时按先后递补。\n`) +
    `发送：申报承办 月份=${p.monthKey} 主题=<主题> 日期=<日期> 地点=<地点> 人数=<预计人数>`,

  'jobs.deliverables': (p: { theme: string; date: string; owed: string[]; howTo: string[] }) =>
    [`📦 承办活动「${p.theme}」（${p.date}）辛苦了！请提交活动材料，还差：`, ...p.owed, `提交方式：${p.howTo.join('；')}`].join('\n'),

  // ---- What the platform adapters say themselves (src/platforms/wecom/*, src/platforms/dingtalk/*).
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

  // ---- Texts of the local chat console (src/platforms/console/*, scripts/chat.ts).
  'console.help': [
    '本地对话控制台：直接输入消息和机器人对话。',
    '  :as <名字> @<群名>          切换说话的人和所在的群（首次使用时自动创建）',
    '  :as <名字> @私聊            和机器人私聊（每人一个私聊，试试私聊里的规则）',
    '  :who                        看看现在是谁、在哪个群',
    '  :time YYYY-MM-DD HH:mm      把时钟拨到这一刻（北京时间），依次运行其间到期的定时任务',
    '  :time +3d                   把时钟往后拨（+2h 小时、+3d 天、+1w 周）',
    '                              推送以 push @群名> 显示，发给个人的以 push @私聊:名字> 显示',
    '  :quit                       退出',
  ].join('\n'),
  /** Who speaks, and in which group, when the console starts. */
  'console.defaultUser': '张三',
  'console.defaultChat': '测试群',
  /** What follows `:as <名字> @` for a private chat with the bot; also shown as where one speaks. */
  'console.direct': '私聊',
  /** Whom a push to a person goes to, as `push @…>` shows it: that person's private chat. */
  'console.directWith': (p: { user: string }) => `私聊:${p.user}`,
  'console.timeUsage': '（用法：:time 2020-06-15 09:00 或 :time +3d（也可 +2h、+1w），北京时间）',
  'console.switched': (p: { user: string; chat: string; direct: boolean }) =>
    p.direct ? `（现在是「${p.user}」在和机器人私聊）` : `（现在是「${p.user}」在「${p.chat}」群里说话）`,
  'console.who': (p: { user: string; chat: string; direct: boolean }) =>
    p.direct ? `（「${p.user}」在和机器人私聊）` : `（「${p.user}」在「${p.chat}」群）`,
  /**
   * After `:time`: the new time, the scheduled jobs that queued something (each with its window,
   * or how many windows and the first and last), and how many pushes were sent and shown below.
   */
  'console.timeSet': (p: { time: string; jobs: ReadonlyArray<{ job: string; windows: readonly string[] }>; pushes: number }) => {
    const jobs = p.jobs.map((j) => (j.windows.length === 1 ? `${j.job} ${j.windows[0]}` : `${j.job} ×${j.windows.length}（${j.windows[0]} 至 ${j.windows[j.windows.length - 1]}）`));
    const ran = jobs.length ? `，运行了：${jobs.join('；')}` : '，没有到期的定时任务';
    return `（现在是 ${p.time}${ran}${p.pushes ? `，推送 ${p.pushes} 条，见下` : ''}）`;
  },
  /** A card to a person, as the console shows it: its rows, then what to send for each button. */
  'console.cardField': (p: { label: string; value: string }) => `${p.label}：${p.value}`,
  'console.cardButtons': (p: { buttons: ReadonlyArray<{ text: string; command?: string }> }) =>
    `按钮：${p.buttons.map((b) => (b.command ? `［${b.text}］= 发送「${b.command}」` : `［${b.text}］`)).join('  ')}`,
  'console.cardUpdated': (p: { title: string; text: string }) => `（卡片${p.title ? `「${p.title}」` : ''}已更新：${p.text}）`,
  'console.noPushAddress': '这里不需要推送地址：本地控制台的推送会直接显示出来。',
} as const;
