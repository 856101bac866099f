/**
 * Preloaded with `--import` into a server process a test starts: moves that process's wall clock
 * CLOCK_OFFSET_MS ahead (Date.now and `new Date()`), as if it had been down that long before it
 * started. Timers are untouched. For crash tests whose outcome depends on how long the
 * platform waited (e.g. WeCom stops refreshing a stream after 6 minutes).
 */
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
if (offset) {
  const Real = Date;
  class Shifted extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return Real.now() + offset;
    }
    static [Symbol.hasInstance](x: unknown): boolean {
      return x instanceof Real;
    }
  }
  globalThis.Date = Shifted as DateConstructor;
}
export {};
