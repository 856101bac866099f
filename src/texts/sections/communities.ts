/** Texts of communities: 附件2's 同城共读 reading groups (commands/*-group(s).ts, src/domain/communities.ts). */
export const communities = {
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
  'communities.notFound': (p: { id: number }) => `没有编号为 ${p.id} 的社群。发送「社群列表」查看编号。`,
  'communities.headCountUpdated': (p: { id: number; name: string; before: number; after: number }) =>
    `已更新社群 #${p.id}「${p.name}」：参与人数 ${p.before} → ${p.after}`,
} as const;
