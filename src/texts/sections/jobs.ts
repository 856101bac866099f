/** Scheduled pushes to the groups (src/jobs/jobs.ts). */
export const jobs = {
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
  'jobs.rankingFootnote': '人数 = 荐书职工 + 上报人数；括号里是与前一周相比。发送「排行」看实时排行。',

  'jobs.reportReminder': (p: { week: string; unit: string }) =>
    `⏰ 本周（${p.week}）「${p.unit}」还没有上报好书荐读参与人数。\n请发送：上报 荐读 <人数>，例如：上报 荐读 35`,

  /** An activity as the reminders name it. */
  'jobs.activity': (p: { kind: string; theme: string; when: string; place: string }) => `${p.kind}「${p.theme}」（${p.when}，${p.place}）`,
  'jobs.activityEve': (p: { activity: string; id: number }) => `📅 明天有活动：${p.activity}。请做好准备，活动结束后发送：活动完成 ${p.id} 人数 <参与人数>`,
  'jobs.activityCount': (p: { activity: string; id: number; nth: number; of: number }) =>
    `📝 ${p.activity}结束了吗？请发送：活动完成 ${p.id} 人数 <参与人数>（第 ${p.nth}/${p.of} 次提醒）`,

  'jobs.hostWindow': (p: { year: number; month: number; monthKey: string; left: number; capacity: number }) =>
    `📣 ${p.year}年${p.month}月省总主题读书月活动开始接受承办申报，还剩 ${p.left}/${p.capacity} 个名额。\n` +
    `发送：申报承办 月份=${p.monthKey} 主题=<主题> 日期=<日期> 地点=<地点> 人数=<预计人数>`,

  'jobs.deliverables': (p: { theme: string; date: string; owed: string[]; howTo: string[] }) =>
    [`📦 承办活动「${p.theme}」（${p.date}）辛苦了！请提交活动材料，还差：`, ...p.owed, `提交方式：${p.howTo.join('；')}`].join('\n'),
} as const;
