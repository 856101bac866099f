import { isWithinCampaign } from '../../domain/campaign.js';
import type { Campaign } from '../../generated/sqlite/client.js';
import type { RunReport } from '../../jobs/scheduler.js';
import { latestAt, parseSchedule } from '../../jobs/schedule.js';

/**
 * The console's clock, and what moving it forward means. A server catches up only the latest
 * window per job after a down time, by design; but the console's clock stands for time that
 * passed with the bot running, so a jump forward runs every window on the way, in order — each
 * Friday's reminder, each day's question for a count (「第 1/3 次」, then 2, then 3) — and the
 * pushes shown are the ones a running bot would have sent.
 */
export class ConsoleClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

/** Windows further back than this are not stepped through: a jump of years runs its last year. */
const MAX_STEP_BACK_MS = 400 * 86_400_000;

/**
 * Every minute in (from, to] that a job's cron schedule names and that lies inside the campaign,
 * oldest first, with the jobs due then.
 */
export function windowsBetween(
  jobs: ReadonlyArray<{ name: string; cron: string }>,
  campaign: Pick<Campaign, 'startsAt' | 'endsAt'>,
  from: Date,
  to: Date,
): Array<{ at: Date; jobs: string[] }> {
  const floor = Math.max(from.getTime(), to.getTime() - MAX_STEP_BACK_MS, campaign.startsAt.getTime() - 1);
  const due = new Map<number, string[]>();
  for (const job of jobs) {
    const schedule = parseSchedule(job.cron);
    for (let at = latestAt(schedule, to); at && at.getTime() > floor; at = latestAt(schedule, new Date(at.getTime() - 60_000))) {
      if (isWithinCampaign(campaign, at)) due.set(at.getTime(), [...(due.get(at.getTime()) ?? []), job.name]);
    }
  }
  return [...due].sort(([a], [b]) => a - b).map(([ms, names]) => ({ at: new Date(ms), jobs: names }));
}

/** The runs that queued something, per job in the order they first ran: `job` and its windows. */
export function runsByJob(runs: readonly RunReport[]): Array<{ job: string; windows: string[] }> {
  const byJob = new Map<string, string[]>();
  for (const run of runs) {
    if (run.enqueued === 0) continue;
    byJob.set(run.job, [...(byJob.get(run.job) ?? []), run.window]);
  }
  return [...byJob].map(([job, windows]) => ({ job, windows }));
}
