/** 好书荐读: 荐书, 上报 and 排行 (commands/recommend.ts, report.ts, rank.ts; src/domain/reading.ts, ranking.ts). */
export const reading = {
  'reading.bookMissing': '书名不能为空，例如：荐书 《平凡的世界》 微博',
  'reading.recommendOutsideCampaign': '现在不在活动期内，暂不能记录荐书。',
  'reading.recommendDuplicate': (p: { person: string; book: string; id: number }) =>
    `${p.person} 已经推荐过《${p.book}》（编号 ${p.id}），不重复计数。换一本书再来吧！`,
  'reading.recommendSaved': (p: { person: string; platform: string; book: string; unit: string; weekCount: number }) =>
    `已记录：${p.person} 在${p.platform}推荐《${p.book}》，计入「${p.unit}」。本周本单位已有 ${p.weekCount} 条荐书记录。`,

  'reading.reportOutsideCampaign': '现在不在活动期内，暂不能上报。',
  'reading.reportSaved': (p: { unit: string; week: string; metric: string; count: number }) =>
    `已上报「${p.unit}」本周（${p.week}）${p.metric}：${p.count}。发送「排行」看看排名吧！`,
  'reading.reportReplaced': (p: { unit: string; week: string; metric: string; before: number; after: number }) =>
    `已更新「${p.unit}」本周（${p.week}）${p.metric}：${p.before} → ${p.after}（同一周再次上报会覆盖上次的数）。`,

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
  'reading.rankFootnote': '人数 = 荐书的职工人数 + 各单位上报人数。',
} as const;
