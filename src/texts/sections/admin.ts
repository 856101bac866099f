/**
 * Texts of the admin commands: 设管理员 (src/domain/members.ts), 发送状态 and 重发
 * (src/outbox/outbox.ts, worker.ts), 导出 (src/domain/exports.ts, src/admin-export.ts).
 */
export const admin = {
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
  'admin.granted': (p: { name: string; userId: string }) => `已把 ${p.name}（${p.userId}）设为管理员，可以审批承办申报了。`,

  // 发送状态, 重发
  'admin.outbox.summary': (p: { queued: number; sentToday: number; failed: number }) =>
    `推送发送情况：排队中 ${p.queued} 条，今天已发送 ${p.sentToday} 条，发送失败 ${p.failed} 条。`,
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

  // 导出
  'admin.export.whichTable':
    '请写明导出哪张表：附件1（职工主题读书月活动情况统计表）或 附件2（“同城共读”微信读书社群活动情况统计表），例如：导出 附件1',
  'admin.export.unitNotFound': (p: { unit: string }) => `没有找到单位「${p.unit}」。请写市州或产业工会的名称，例如：导出 附件1 长沙`,
  'admin.export.linksOff': '导出链接还没开通：请让系统管理员设置 ADMIN_TOKEN 和 PUBLIC_BASE_URL。也可以在服务器上运行 npm run export。',
  'admin.export.wholeProvince': '全省，每个市州、产业工会一页并附汇总',
  'admin.export.heading': (p: { table: string; title: string; scope: string; format: string }) => `附件${p.table}《${p.title}》（${p.scope}，${p.format}）：`,
  'admin.export.validity': (p: { hours: number; until: string }) => `链接 ${p.hours} 小时内有效（至 ${p.until}）。`,
  'admin.export.linkExpired': '链接已过期，请在群里重新发送「导出」。',
} as const;
