import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { PlatformSender } from '../bot/sender.js';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Campaign } from '../generated/sqlite/client.js';
import { CAMPAIGN_TZ } from '../time.js';
import { jobConcerns, type JobDef } from './jobs.js';
import { latestAt, parseSchedule, windowKey, type Schedule } from './schedule.js';

export interface SchedulerOptions {
  database: Database;
  campaign: Campaign;
  senders: ReadonlyMap<string, PlatformSender>;
  logger: Logger;
  clock: () => Date;
  jobs: readonly JobDef[];
  eveHour: number;
}

export interface RunReport {
  job: string;
  window: string;
  enqueued: number;
}

/**
 * Runs each job once per window. `tick()` looks at every job's latest window up to now: if that
 * window concerns the campaign (jobConcerns: by default, it falls on one of the campaign's days)
 * and has no JobRun row yet, it claims it (the unique key decides between instances) and runs the
 * job. node-cron calls tick at each job's time (Asia/Shanghai); a tick at start catches up on the
 * latest window missed while the server was down — only that one per job, never a flood. A failed run gives its window back, so the next tick tries again
 * (its messages are keyed, so a second run queues nothing twice).
 */
export class Scheduler {
  private readonly schedules: Array<{ job: JobDef; schedule: Schedule }>;
  private tasks: ScheduledTask[] = [];
  private ticking: Promise<RunReport[]> = Promise.resolve([]);

  constructor(private readonly options: SchedulerOptions) {
    this.schedules = options.jobs.map((job) => ({ job, schedule: parseSchedule(job.cron) }));
  }

  start(): void {
    for (const { job } of this.schedules) {
      this.tasks.push(cron.schedule(job.cron, () => void this.tick(), { timezone: CAMPAIGN_TZ, name: job.name }));
    }
    void this.tick();
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
    await this.ticking;
  }

  /** Runs what is due at `now`; ticks never overlap in one process. */
  tick(now: Date = this.options.clock()): Promise<RunReport[]> {
    this.ticking = this.ticking.then(() => this.runDue(now)).catch((err) => {
      this.options.logger.error({ err }, 'scheduler tick failed');
      return [];
    });
    return this.ticking;
  }

  private async runDue(now: Date): Promise<RunReport[]> {
    const prisma = this.options.database.prisma;
    const done: RunReport[] = [];
    for (const { job, schedule } of this.schedules) {
      const at = latestAt(schedule, now);
      if (!at || !jobConcerns(job, this.options.campaign, at)) continue;
      if (now.getTime() - at.getTime() > job.maxLateMs) continue;
      const window = windowKey(at);
      try {
        await prisma.jobRun.create({ data: { job: job.name, window, startedAt: now } });
      } catch (err) {
        if (isUniqueViolation(err)) continue; // this window ran (or runs) elsewhere
        throw err;
      }
      try {
        const enqueued = await job.run({ db: prisma, campaign: this.options.campaign, senders: this.options.senders, logger: this.options.logger, eveHour: this.options.eveHour }, at);
        await prisma.jobRun.update({ where: { job_window: { job: job.name, window } }, data: { finishedAt: this.options.clock(), enqueued } });
        this.options.logger.info({ job: job.name, window, enqueued }, 'job ran');
        done.push({ job: job.name, window, enqueued });
      } catch (err) {
        this.options.logger.error({ err, job: job.name, window }, 'job failed; its window will be tried again');
        await prisma.jobRun.delete({ where: { job_window: { job: job.name, window } } });
      }
    }
    return done;
  }
}
