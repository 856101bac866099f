import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteExpiredPictures, loadPicture, md5Hex, picturesRendered, storedPicture } from '../../src/charts/pictures.js';
import { pruneChartFiles, renderRankingChart } from '../../src/charts/ranking-chart.js';
import { stopRenderWorker } from '../../src/charts/render-worker.js';
import { takePicture, withPicture } from '../../src/charts/reply-picture.js';
import { KINDS } from '../helpers/db.js';
import { usePrisma } from '../helpers/domain.js';

afterAll(() => stopRenderWorker());

const DAY = 86_400_000;
const chart = () => renderRankingChart({ campaign: '湘阅读·工力量', week: '6月8日—6月14日', boards: [] });

describe.each(KINDS)('stored pictures on %s', (kind) => {
  const prisma = usePrisma(kind, { units: false });

  it('renders a key once, even when asked for concurrently; its expiry only moves later; expired ones are deleted', async () => {
    const db = prisma();
    const now = new Date('2026-06-15T01:00:00Z');
    let renders = 0;
    const render = () => {
      renders++;
      return chart();
    };
    const before = picturesRendered();
    const [a, b] = await Promise.all([storedPicture(db, 'test:1', new Date(now.getTime() + DAY), render), storedPicture(db, 'test:1', new Date(now.getTime() + DAY), render)]);
    expect(a.id).toBe(b.id);
    expect(renders).toBe(1);
    expect([a.rendered, b.rendered].sort()).toEqual([false, true]);
    expect(picturesRendered() - before).toBe(1);
    // Asked again with a later expiry: the same row, kept longer, nothing drawn.
    expect(await storedPicture(db, 'test:1', new Date(now.getTime() + 3 * DAY), render)).toEqual({ id: a.id, rendered: false });
    expect(renders).toBe(1);
    const row = await db.picture.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.expiresAt).toEqual(new Date(now.getTime() + 3 * DAY));
    expect(row.md5).toBe(md5Hex(Buffer.from(row.png)));
    expect([row.width, row.height]).toEqual([Buffer.from(row.png).readUInt32BE(16), Buffer.from(row.png).readUInt32BE(20)]);
    expect(row.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Shorter again: it keeps the later one.
    await storedPicture(db, 'test:1', new Date(now.getTime() + DAY), render);
    expect((await db.picture.findUniqueOrThrow({ where: { id: a.id } })).expiresAt).toEqual(new Date(now.getTime() + 3 * DAY));

    const loaded = await loadPicture(db, a.id, now);
    expect(loaded).toEqual({ png: Buffer.from(row.png), md5: row.md5, path: `/pictures/${row.token}.png` });
    expect(await loadPicture(db, a.id, new Date(now.getTime() + 3 * DAY))).toBeUndefined();
    expect(await deleteExpiredPictures(db, new Date(now.getTime() + 2 * DAY))).toBe(0);
    expect(await deleteExpiredPictures(db, new Date(now.getTime() + 3 * DAY))).toBe(1);
    expect(await db.picture.count()).toBe(0);
  });
});

describe('chart files and reply pictures', () => {
  it('removes chart files older than the given time, and only chart files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'charts-prune-'));
    try {
      const old = join(dir, 'ranking-0123456789abcdef.png');
      const fresh = join(dir, 'ranking-fedcba9876543210.png');
      const other = join(dir, 'notes.txt');
      for (const f of [old, fresh, other]) await writeFile(f, 'x');
      const fourDaysAgo = new Date(Date.now() - 4 * DAY);
      await utimes(old, fourDaysAgo, fourDaysAgo);
      await utimes(other, fourDaysAgo, fourDaysAgo);
      expect(await pruneChartFiles(dir, Date.now() - 3 * DAY)).toBe(1);
      expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'ranking-fedcba9876543210.png']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a picture rides at the end of a reply and comes off whole; a reply without one is left as it is', async () => {
    const png = await chart();
    const reply = `第一行\n第二行\n\n${withPicture('', png).trim()}`;
    const { text, picture } = takePicture(reply);
    expect(text).toBe('第一行\n第二行');
    expect(Buffer.from(picture!.base64, 'base64').equals(png)).toBe(true);
    expect(picture!.md5).toBe(md5Hex(png));
    expect(takePicture('只有文字 <!-- 不是图片 -->')).toEqual({ text: '只有文字 <!-- 不是图片 -->' });
  });
});
