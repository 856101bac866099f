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
