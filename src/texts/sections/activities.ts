/**
 * Texts of activities: 附件1's 快闪 / 沙龙 / 读书月 (commands/*-event(s).ts, commands/event-done.ts,
 * src/domain/activities.ts), and the 组织单位 both registrations name (src/domain/organisers.ts).
 */
export const activities = {
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
  }) =>
    [
      `已登记${p.kind} #${p.id}「${p.theme}」`,
      `组织单位：${p.unit}`,
      `时间：${p.startsAt}`,
      `地点：${p.place}`,
      `联系人：${p.contactName}${p.contactPhone ? ` ${p.contactPhone}` : ''}`,
      `活动结束后请发送：活动完成 ${p.id} 人数 <实际参与人数>`,
    ].join('\n'),
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
  'activities.held': (p: { kind: string; id: number; theme: string; participants: number; correctedFrom?: number }) =>
    `已记录${p.kind} #${p.id}「${p.theme}」完成，参与 ${p.participants} 人` +
    `${p.correctedFrom === undefined ? '' : `（原为 ${p.correctedFrom} 人，已更正）`}。辛苦了！`,
} as const;
