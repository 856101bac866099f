/**
 * Texts of notices: what admins and the applicant's group hear in the 承办 cycle once a change
 * has committed (src/outbox/host-notices.ts): the approval card, decisions, the waitlist.
 */
export const notices = {
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
  'notices.promoted': (p: { id: number; month: string; theme: string }) =>
    `承办申报 #${p.id}（${p.month}「${p.theme}」）有名额空出，已从候补转为待审批。`,

  // The admins.
  'notices.promotedToAdmins': (p: { id: number; unit: string; month: string; theme: string; at: string }) =>
    `${p.month} 有承办名额空出：候补的 #${p.id} ${p.unit}「${p.theme}」已转为待审批（${p.at}）。发送「审批列表」查看。`,
} as const;
