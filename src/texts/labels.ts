import type { ActivityKind, HostStatus, RecommendPlatform, Role, UnitKind } from '../generated/sqlite/client.js';

/** Labels of stored values, and the words people type for them. Part of the zh-CN table. */

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  PROVINCE: '省总工会',
  CITY: '市州总工会',
  INDUSTRY: '省产业工会',
  ORGAN: '省直机关工会',
  DIRECT: '省直属基层工会工委',
  GRASSROOTS: '基层单位',
};

export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = { FLASH: '读书快闪', SALON: '阅读沙龙', MONTH: '主题读书月' };
export const ACTIVITY_KINDS: Record<string, ActivityKind> = {
  快闪: 'FLASH', 读书快闪: 'FLASH', 城市读书快闪: 'FLASH', flash: 'FLASH',
  沙龙: 'SALON', 阅读沙龙: 'SALON', 读书沙龙: 'SALON', salon: 'SALON',
  读书月: 'MONTH', 主题读书月: 'MONTH', month: 'MONTH',
};

export const PLATFORM_LABEL: Record<RecommendPlatform, string> = { WEIBO: '微博', XIMALAYA: '喜马拉雅', OTHER: '其他' };
export const PLATFORMS: Record<string, RecommendPlatform> = {
  微博: 'WEIBO', 新浪微博: 'WEIBO', weibo: 'WEIBO',
  喜马拉雅: 'XIMALAYA', 喜马拉雅fm: 'XIMALAYA', ximalaya: 'XIMALAYA',
  其他: 'OTHER', 其它: 'OTHER', other: 'OTHER',
};

export const HOST_STATUS_LABEL: Record<HostStatus, string> = {
  PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回', WAITLISTED: '候补中', WITHDRAWN: '已撤回',
};

export const ROLE_LABEL: Record<Role, string> = { CONTACT: '联系人', ADMIN: '管理员', SUPERADMIN: '超级管理员' };

/** Metrics a unit reports as batch counts (上报 <指标> <人数>). */
export const METRICS: Record<string, { key: string; label: string }> = {
  荐读: { key: 'recommend', label: '好书荐读参与人数' },
  好书荐读: { key: 'recommend', label: '好书荐读参与人数' },
  荐书: { key: 'recommend', label: '好书荐读参与人数' },
  recommend: { key: 'recommend', label: '好书荐读参与人数' },
};

/** What ends an open follow-up question. */
export const CANCEL_WORDS: readonly string[] = ['取消', '算了', '退出', 'cancel', 'q'];

/** Headings under which help lists commands, in this order. */
export const HELP_SECTIONS = ['开始', '好书荐读', '读书社群', '读书活动', '承办申报', '管理'] as const;
