import type { ActivityKind } from '../generated/sqlite/client.js';

/**
 * Plausible head counts, per kind of record. A figure above one is not refused (a big flash
 * mob happens): the bot shows it and asks for a one-word yes first, because a slip of the finger
 * (20000 for 200) would otherwise count in rankings and exports. Absurd values stay refused by
 * the count field's hard maximum.
 */
export type CountSubject = 'community' | 'host' | ActivityKind;

export const PLAUSIBLE_COUNT: Readonly<Record<CountSubject, number>> = {
  /** A 同城共读 WeChat group's members. */
  community: 2_000,
  /** A reading salon in a library or a union hall. */
  SALON: 300,
  /** A flash-mob reading in a square. */
  FLASH: 1_000,
  /** A 主题读书月 event. */
  MONTH: 3_000,
  /** The expected attendance of a provincial event a unit asks to host. */
  host: 3_000,
};

/** The plausible maximum `n` exceeds, or undefined when `n` is plausible for the subject. */
export function implausibleCount(subject: CountSubject, n: number): number | undefined {
  const limit = PLAUSIBLE_COUNT[subject];
  return n > limit ? limit : undefined;
}

/**
 * A figure that replaces someone else's with one far below it (less than half, and at least
 * DROP_FLOOR fewer: 99 → 1, 120 → 5) is as doubtful as a figure far above the usual: a slip, or
 * a stranger overwriting a unit's number. The bot shows both and asks for a one-word yes first.
 * Someone correcting their own figure is not asked.
 */
const DROP_FLOOR = 5;
export function doubtfulDrop(before: number | undefined, after: number, bySomeoneElse: boolean): boolean {
  if (!bySomeoneElse || before === undefined) return false;
  return after * 2 < before && before - after >= DROP_FLOOR;
}
