/**
 * The work a platform callback started and has not finished: at most one run per key (a platform
 * message id) in this process, so a retry that arrives while the first delivery is still being
 * handled waits for the same reply instead of running the command again.
 */
export class InFlight<T> {
  private readonly running = new Map<string, Promise<T>>();
  /** Results kept a while after they are done, for a reply fetched later (e.g. a stream refresh). */
  private readonly done = new Map<string, { value: T; ok: boolean; until: number }>();

  /**
   * @param keepMs how long a result is kept after its run
   * @param maxKept at most this many results are kept (the oldest go first), so a burst of
   *   messages cannot grow memory without bound
   */
  constructor(
    private readonly keepMs = 10 * 60_000,
    private readonly maxKept = 10_000,
  ) {}

  /**
   * Starts `work` under `key`, or joins the run already under way. A result that `succeeded`
   * accepts is kept for runOnce; one it refuses (the bot's apology, a reply that could not be
   * sent) is remembered only as what that run answered, so the next delivery runs again.
   */
  run(key: string, work: () => Promise<T>, succeeded: (value: T) => boolean = () => true): Promise<T> {
    let p = this.running.get(key);
    if (!p) {
      this.prune();
      p = work().then((value) => {
        // Re-inserted at the end, so the map stays in order of expiry.
        this.done.delete(key);
        this.done.set(key, { value, ok: succeeded(value), until: Date.now() + this.keepMs });
        return value;
      });
      p.finally(() => this.running.delete(key)).catch(() => {});
      this.running.set(key, p);
    }
    return p;
  }

  /**
   * Like run, but a run that succeeded under `key` a while ago is not done again: its result is.
   * A run that failed is done again.
   */
  runOnce(key: string, work: () => Promise<T>, succeeded: (value: T) => boolean = () => true): Promise<T> {
    const d = this.kept(key);
    return d?.ok ? Promise.resolve(d.value) : this.run(key, work, succeeded);
  }

  has(key: string): boolean {
    return this.running.has(key);
  }

  /**
   * What the last finished run under `key` answered, while it is kept, whether it succeeded or
   * not: e.g. a WeCom stream refresh shows that delivery's apology instead of "working".
   */
  result(key: string): T | undefined {
    return this.kept(key)?.value;
  }

  private kept(key: string): { value: T; ok: boolean } | undefined {
    const d = this.done.get(key);
    return d && d.until > Date.now() ? d : undefined;
  }

  /** Drops expired results from the front: the map is in order of expiry, so this is cheap. */
  private prune(): void {
    const now = Date.now();
    for (const [k, d] of this.done) {
      if (d.until > now && this.done.size < this.maxKept) break;
      this.done.delete(k);
    }
  }

  /** Waits for everything under way, e.g. before the process stops. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}

/** The value of `p` if it settles within `ms`, else undefined (the work goes on). */
export function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return Promise.race([p, Promise.resolve(undefined)]);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
