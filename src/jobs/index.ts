import type { App } from '../app.js';
import type { PlatformSender } from '../bot/sender.js';
import { InboxWorker } from '../inbox/worker.js';
import { OutboxWorker } from '../outbox/worker.js';
import { activityReminders, deliverables, hostWindow, housekeeping, reportReminder, weeklyRanking, type JobDef } from './jobs.js';
import { Scheduler } from './scheduler.js';

/** The jobs with their schedules from the configuration. */
export function configuredJobs(app: App): JobDef[] {
  const c = app.config;
  return [
    { ...weeklyRanking, cron: c.SCHEDULE_WEEKLY_RANKING },
    { ...reportReminder, cron: c.SCHEDULE_REPORT_REMINDER },
    { ...activityReminders, cron: c.SCHEDULE_ACTIVITY_REMINDERS },
    { ...hostWindow, cron: c.SCHEDULE_HOST_WINDOW },
    { ...deliverables, cron: c.SCHEDULE_DELIVERABLES },
    { ...housekeeping, cron: c.SCHEDULE_HOUSEKEEPING },
  ];
}

/**
 * The scheduler and the outbox worker over the app's database, senders and clock. `senders`
 * defaults to the app's; the console adds its own so console groups get their pushes.
 */
export function createBackground(app: App, senders: ReadonlyMap<string, PlatformSender> = app.senders) {
  const base = { database: app.database, senders, logger: app.logger, clock: app.clock };
  const scheduler = new Scheduler({ ...base, campaign: app.campaign, jobs: configuredJobs(app), eveHour: app.config.ACTIVITY_EVE_HOUR });
  const worker = new OutboxWorker({ ...base, claimMs: app.config.OUTBOX_CLAIM_MS, sentLog: app.sentLog });
  const inbox = new InboxWorker({ inbox: app.dispatcher.inbox, bot: app.dispatcher, logger: app.logger, clock: app.clock });
  return { scheduler, worker, inbox };
}

/** `npm start`: jobs on their schedules and the worker sending; both stop when the app closes. */
export function startBackground(app: App): void {
  const { scheduler, worker, inbox } = createBackground(app);
  scheduler.start();
  worker.start();
  inbox.start();
  app.closers.push(() => scheduler.stop(), () => inbox.stop(), () => worker.stop());
}
