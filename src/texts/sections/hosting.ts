/**
 * Texts of hosting: 承办申报 of the provincial 主题读书月 event and its approval
 * (commands/host.ts, my-hosts, withdraw-host, approvals, approve, reject, set-capacity; src/domain/hosting.ts).
 */

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

export const hosting = {
  /** What a request is called in 「这条…不属于您的单位」. */
  'hosting.noun': '申报',

  // 申报承办
  'hosting.monthPast': (p: { month: string }) => `${p.month} 已经过去了，请申报本月或以后的月份。`,
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
  'hosting.nothingToWithdraw': (p: { id: number; status: string }) => `申报 #${p.id} 当前状态是「${p.status}」，不需要撤回。`,
  'hosting.statusJustChanged': (p: { id: number }) => `申报 #${p.id} 的状态刚刚变了，请发送「我的申报」查看。`,
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
    `申报 #${p.id} 当前状态是「${p.status}」，不能再${decided(p.decision)}。`,
  'hosting.alreadyDecided': (p: { id: number; by: string; at: string; decision: 'APPROVED' | 'REJECTED' }) =>
    `申报 #${p.id} 已由${p.by}于 ${p.at} ${decided(p.decision)}，无需再处理。`,
  /** Who decided, when the deciding member is gone. */
  'hosting.anotherAdmin': '其他管理员',
  'hosting.decidedMeanwhile': (p: { id: number }) => `申报 #${p.id} 刚刚已被其他管理员处理。`,
  'hosting.monthFull': (p: { month: string; capacity: number }) => `${p.month} 的承办名额（${p.capacity} 个）已满，不能再批准。`,
  'hosting.approved': (p: { id: number; unit: string; month: string; theme: string; left: number; capacity: number }) =>
    `已批准 #${p.id}：${p.unit} 承办 ${p.month}「${p.theme}」。${p.month} 剩余名额 ${p.left}/${p.capacity}。`,
  'hosting.approvalWaitlisted': (p: { month: string; ids: readonly number[] }) => `${p.month} 名额已满，${numbered(p.ids)} 转为候补。`,
  'hosting.rejected': (p: { id: number; unit: string; month: string; theme: string; reason: string }) =>
    `已驳回 #${p.id}：${p.unit} ${p.month}「${p.theme}」。理由：${p.reason}`,

  // 设置承办名额
  'hosting.capacityTooSmall': '每月至少 1 个承办名额（《通知》：每月 2—3 个）。',
  'hosting.capacityBelowApproved': (p: { month: string; approved: number }) => `${p.month} 已批准 ${p.approved} 家，名额不能少于 ${p.approved}。`,
  'hosting.capacitySet': (p: { month: string; capacity: number; approved: number }) =>
    `${p.month} 的承办名额已设为 ${p.capacity} 个（已批准 ${p.approved} 个）。`,
  'hosting.capacityPromoted': (p: { ids: readonly number[] }) => `候补的 ${numbered(p.ids)} 已转为待审批。`,
  'hosting.capacityWaitlisted': (p: { ids: readonly number[] }) => `名额已满，${numbered(p.ids)} 转为候补。`,
} as const;
