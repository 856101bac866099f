import type { Tx } from '../db/client.js';
import type { HostDeliverable } from '../generated/sqlite/client.js';

/**
 * 承办单位须知 ②③: after each hosted event, 3–5 high-resolution photos, one edited video of at
 * most 3 minutes, a publicity article of about 800 characters (taken as 800 ± 20 %), and the
 * campaign logo used on site.
 */
export const RULES = {
  photos: { min: 3, max: 5 },
  videoMaxSeconds: 180,
  articleChars: { min: 640, max: 960 },
} as const;

export type Item = 'photos' | 'video' | 'article' | 'logo';
export const ITEM_LABEL: Record<Item, string> = { photos: '照片', video: '视频', article: '稿件', logo: '标识' };
const RULE_TEXT: Record<Item, string> = {
  photos: `活动照片 ${RULES.photos.min}—${RULES.photos.max} 张（高清大图）`,
  video: '剪辑视频 1 个（3 分钟内，附链接）',
  article: '宣传稿件 1 篇（800 字左右，附链接）',
  logo: '现场使用「湘悦读·工力量」活动标识',
};
export const SUBMIT_EXAMPLE: Record<Item, string> = {
  photos: '提交材料 照片 5',
  video: '提交材料 视频 https://… 2分40秒',
  article: '提交材料 稿件 https://… 820字',
  logo: '提交材料 标识 已使用',
};

/** What is still owed, in the notice's order. */
export function missingItems(d: Pick<HostDeliverable, 'photos' | 'videoLink' | 'articleLink' | 'logoUsed'> | null): Item[] {
  const out: Item[] = [];
  if (!d || d.photos < RULES.photos.min) out.push('photos');
  if (!d?.videoLink) out.push('video');
  if (!d?.articleLink) out.push('article');
  if (!d?.logoUsed) out.push('logo');
  return out;
}

/** The checklist as people read it: ✅ done, ⬜ still owed with the rule. */
export function checklist(d: HostDeliverable | null): string[] {
  const missing = new Set(missingItems(d));
  const done: Record<Item, string> = {
    photos: `照片 ${d?.photos ?? 0} 张`,
    video: `视频 ${d?.videoSeconds !== undefined && d?.videoSeconds !== null ? formatDuration(d.videoSeconds) : ''}`.trim(),
    article: `稿件 ${d?.articleChars ?? ''}${d?.articleChars ? ' 字' : ''}`.trim(),
    logo: '标识已使用',
  };
  return (Object.keys(ITEM_LABEL) as Item[]).map((i) => (missing.has(i) ? `⬜ ${RULE_TEXT[i]}` : `✅ ${done[i]}`));
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m}分${s ? `${s}秒` : '钟'}` : `${s}秒`;
}

/** 「2分40秒」「160秒」「2:40」「3分钟」「2分半」「2.5分钟」 → seconds; undefined when unreadable. */
export function parseDuration(input: string): number | undefined {
  const s = input.trim().replace(/\s+/g, '');
  let m = /^(\d{1,3}):(\d{1,2})$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(?:(\d{1,3}(?:\.\d+)?)(?:分钟|分|min|m))?(半)?(?:(\d{1,4})(?:秒钟|秒|s))?$/i.exec(s);
  if (!m || (!m[1] && !m[3])) return undefined;
  return Math.round(Number(m[1] ?? 0) * 60 + (m[2] ? 30 : 0) + Number(m[3] ?? 0));
}

/** The deliverable row of an approved request, created empty on first use. */
export function deliverableOf(db: Tx, hostRequestId: number) {
  return db.hostDeliverable.upsert({ where: { hostRequestId }, create: { hostRequestId }, update: {} });
}
