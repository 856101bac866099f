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
  快闪活动: 'FLASH', 读书快闪活动: 'FLASH', 沙龙活动: 'SALON', 阅读沙龙活动: 'SALON', 读书沙龙活动: 'SALON', 读书月活动: 'MONTH', 主题读书月活动: 'MONTH',
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

/** Which campaign week a figure is for: this one, or the one that just ended (上报 荐读 35 上周). */
export const WEEK_WORDS: Record<string, 'this' | 'last'> = {
  本周: 'this', 这周: 'this', 这一周: 'this', 本星期: 'this', 这星期: 'this', 这个星期: 'this',
  上周: 'last', 上一周: 'last', 上星期: 'last', 上个星期: 'last', 上礼拜: 'last', 上个礼拜: 'last',
};

/** What ends an open follow-up question. */
export const CANCEL_WORDS: readonly string[] = ['取消', '算了', '退出', '不用了', '不要了', '不报了', 'cancel', 'q'];

/** A one-word yes to 「回复“是”确认」; anything else cancels what was proposed. */
export const YES_WORDS: readonly string[] = [
  '是', '是的', '是啊', '对', '对的', '对啊', '确认', '确定', '没错', '好', '好的', '可以', '嗯', '嗯嗯', '行', 'ok', 'yes', 'y', '👌', '👍', '[ok]', '[强]', '[好的]',
];

/** Words around a command that do not change it: 「麻烦帮我上报一下」「我们想申报承办」. Longest first is not needed. */
export const LEADING_FILLERS: readonly string[] = [
  '好的', '好嘞', '收到', '嗯嗯', 'ok', '麻烦您', '麻烦', '劳驾', '请问', '请帮忙', '请帮我', '请', '帮忙', '帮我们', '帮我', '帮', '给我', '您好', '你好', '老师好', '老师', '小助手', '助手',
  '我们单位', '我单位', '我们这边', '我们', '咱们', '我这边', '我要', '我想', '我', '想要', '想', '要', '需要', '再', '来', '那个', '嗯', '哦', '现在', '今天', '这里',
  '查看', '看看', '看一下', '查一下', '查询', '查', '看', '发一下', '发下', '发', '给我看看', '登记一下', '登记', '申请',
];
/** Words right after a command word that are not its arguments: 「上报一下」. */
export const TRAILING_FILLERS: readonly string[] = ['一下'];
/** 「上报下荐读35」: 下 glued to the command word for 一下, but not 下周 / 下个月 / 下午. */
export const GLUED_FILLER = /^下(?![周个午月次星礼])/u;

/** Small talk that thanks rather than greets. */
export const THANKS_WORDS: readonly string[] = ['谢谢', '谢谢你', '谢谢您', '多谢', '感谢', '辛苦了', '辛苦'];

/** Chit-chat that is neither a command nor an answer to a question. */
export const SMALL_TALK: readonly string[] = [
  '你好', '您好', '大家好', '在吗', '在不在', '在么', '谢谢', '谢谢你', '谢谢您', '多谢', '感谢', '辛苦了', '辛苦', '收到', '好的', '好', '嗯', '嗯嗯', '哈哈', '哈哈哈',
  '请查收', '请查阅', '请审核', '请审批', '谢谢老师', '谢谢啦', '谢啦',
  'ok', '👌', '👍', '[强]', '[ok]', '[好的]', '[微笑]', '[抱拳]', '[握手]', '早', '早上好', '上午好', '下午好', '晚上好', 'hi', 'hello',
];

/** Headings under which help lists commands, in this order. */
export const HELP_SECTIONS = ['开始', '好书荐读', '读书社群', '读书活动', '承办申报', '管理'] as const;

/** What 「解绑 我」 may say for oneself. */
export const SELF_WORDS: readonly string[] = ['我', '我自己', '自己', '本人'];
