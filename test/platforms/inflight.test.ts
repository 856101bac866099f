import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/platforms/inflight.js';

describe('InFlight', () => {
  it('joins a run under way and keeps its result for a later lookup', async () => {
    const f = new InFlight<string>();
    let runs = 0;
    const work = async () => `reply ${++runs}`;
    const [a, b] = await Promise.all([f.run('m1', work), f.run('m1', work)]);
    expect([a, b, runs]).toEqual(['reply 1', 'reply 1', 1]);
    expect(f.result('m1')).toBe('reply 1');
    expect(await f.runOnce('m1', work)).toBe('reply 1');
    expect(runs).toBe(1);
  });

  it('runs again after a run that failed: only a success is kept for runOnce', async () => {
    const f = new InFlight<string>();
    let runs = 0;
    const work = async () => (++runs === 1 ? 'sorry' : `reply ${runs}`);
    const ok = (v: string) => v !== 'sorry';
    expect(await f.runOnce('m1', work, ok)).toBe('sorry');
    // What the failed run answered is still there for a later lookup of that delivery…
    expect(f.result('m1')).toBe('sorry');
    // …but the next delivery runs the work again, and that success is kept.
    expect(await f.runOnce('m1', work, ok)).toBe('reply 2');
    expect(await f.runOnce('m1', work, ok)).toBe('reply 2');
    expect(runs).toBe(2);
  });

  it('keeps at most maxKept results, dropping the oldest first', async () => {
    const f = new InFlight<string>(60_000, 3);
    for (let i = 1; i <= 5; i++) await f.run(`m${i}`, async () => `r${i}`);
    expect([1, 2, 3, 4, 5].map((i) => f.result(`m${i}`))).toEqual([undefined, undefined, 'r3', 'r4', 'r5']);
  });

  it('forgets results once they expire', async () => {
    const f = new InFlight<string>(0);
    await f.run('m1', async () => 'r1');
    expect(f.result('m1')).toBeUndefined();
    await f.run('m2', async () => 'r2');
    expect(f.result('m1')).toBeUndefined();
  });
});
