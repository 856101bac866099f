/**
 * Texts of deliverables: what a host hands in after its event (承办单位须知), and the checklist
 * (commands/deliver.ts, deliverables-status.ts; src/domain/deliverables.ts; the daily reminder).
 */
export const deliverables = {
  // The four items, as people call them.
  'deliverables.label.photos': '照片',
  'deliverables.label.video': '视频',
  'deliverables.label.article': '稿件',
  'deliverables.label.logo': '标识',

  // Each item's rule, as the checklist shows what is still owed.
  'deliverables.rule.photos': (p: { min: number; max: number }) => `活动照片 ${p.min}—${p.max} 张（高清大图）`,
  'deliverables.rule.video': (p: { minutes: number }) => `剪辑视频 1 个（${p.minutes} 分钟内，附链接）`,
  'deliverables.rule.article': (p: { chars: number }) => `宣传稿件 1 篇（${p.chars} 字左右，附链接）`,
  'deliverables.rule.logo': (p: { logo: string }) => `现场使用「${p.logo}」活动标识`,

  // What has been handed in, as the checklist shows it.
  'deliverables.done.photos': (p: { count: number }) => `照片 ${p.count} 张`,
  'deliverables.done.video': (p: { duration: string }) => `视频 ${p.duration}`.trim(),
  'deliverables.done.article': (p: { chars: number | null }) => `稿件 ${p.chars ?? ''}${p.chars ? ' 字' : ''}`.trim(),
  'deliverables.done.logo': '标识已使用',
  'deliverables.checkDone': (p: { what: string }) => `✅ ${p.what}`,
  'deliverables.checkOwed': (p: { rule: string }) => `⬜ ${p.rule}`,

  // How to hand each item in.
  'deliverables.example.photos': '提交材料 照片 5',
  'deliverables.example.video': '提交材料 视频 https://… 2分40秒',
  'deliverables.example.article': '提交材料 稿件 https://… 820字',
  'deliverables.example.logo': '提交材料 标识 已使用',

  /** 160 → 2分40秒, 180 → 3分钟, 45 → 45秒. */
  'deliverables.duration': (p: { seconds: number }) => {
    const minutes = Math.floor(p.seconds / 60);
    const seconds = p.seconds % 60;
    return minutes ? `${minutes}分${seconds ? `${seconds}秒` : '钟'}` : `${seconds}秒`;
  },

  // 提交材料
  'deliverables.noEventHeld': (p: { unit: string }) => `「${p.unit}」还没有已举办的承办活动。省总批准的活动办完后，再来提交材料。`,
  'deliverables.whichItem': (p: { usage: string }) => `请写明提交的是哪一项，例如：\n${p.usage}`,
  'deliverables.linkMissing': (p: { usage: string }) => `请附上作品的链接（http:// 或 https:// 开头），例如：\n${p.usage}`,
  'deliverables.photoCountMissing': (p: { example: string }) => `请写照片张数，例如：${p.example}`,
  'deliverables.photoCountOutOfRange': (p: { min: number; max: number; count: number }) =>
    `照片需要 ${p.min}—${p.max} 张高清大图，您写的是 ${p.count} 张。`,
  'deliverables.videoDurationMissing': (p: { example: string }) => `请写视频时长，例如：${p.example}`,
  'deliverables.videoTooLong': (p: { minutes: number; duration: string }) => `视频要控制在 ${p.minutes} 分钟内，这个有 ${p.duration}，请剪短后再提交。`,
  'deliverables.articleCharsMissing': (p: { example: string }) => `请写稿件字数，例如：${p.example}`,
  'deliverables.articleOutOfRange': (p: { target: number; min: number; max: number; chars: number }) =>
    `宣传稿件要求 ${p.target} 字左右（${p.min}—${p.max} 字），这篇是 ${p.chars} 字。`,
  'deliverables.logoNotConfirmed': (p: { logo: string; example: string }) => `活动现场须统一使用「${p.logo}」活动标识。用了的话请发送：${p.example}`,
  'deliverables.saved.photos': (p: { count: number }) => `照片 ${p.count} 张`,
  'deliverables.saved.video': (p: { duration: string }) => `视频（${p.duration}）`,
  'deliverables.saved.article': (p: { chars: number }) => `稿件（${p.chars} 字）`,
  'deliverables.saved.logo': '标识已使用',
  'deliverables.received': (p: { id: number; theme: string; date: string; saved: string }) => `已收到 #${p.id}「${p.theme}」（${p.date}）的${p.saved}。`,
  'deliverables.stillMissing': (p: { items: readonly string[] }) => `还差：${p.items.join('、')}。`,
  'deliverables.complete': '材料已齐全，感谢承办！',

  // 材料情况
  'deliverables.noHosts': '还没有批准的承办活动。',
  'deliverables.statusHeading': '承办活动材料情况：',
  /** `missing` is undefined while the event has not been held. */
  'deliverables.statusLine': (p: { id: number; unit: string; date: string; theme: string; missing: readonly string[] | undefined }) =>
    `#${p.id} ${p.unit} ${p.date}「${p.theme}」：${
      !p.missing ? '活动还没举办' : p.missing.length ? `还差 ${p.missing.join('、')}` : '✅ 已齐全'
    }`,
} as const;
