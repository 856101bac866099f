import type { HostRequest } from '../generated/sqlite/client.js';

/** A host request with the name of its unit, as notices show it. */
export type RequestWithUnit = HostRequest & { unit: { name: string } };

/**
 * What others should hear about a change, once it has committed: returned by the domain and
 * handed by the dispatcher to whoever delivers notices (the outbox, in the running bot). The
 * domain says what happened; it never sends.
 */
export type Notice =
  /** A new request: every admin gets an approval card. */
  | { kind: 'host-requested'; request: RequestWithUnit; slots: { left: number; capacity: number } }
  /** Approved or rejected (by `by`); `waitlisted` moved to the waitlist because the month filled. */
  | { kind: 'host-decided'; request: RequestWithUnit; by: string; waitlisted: RequestWithUnit[] }
  /** A waitlisted request back to pending: a slot freed. */
  | { kind: 'host-promoted'; request: RequestWithUnit };

/** Delivers notices after the change that caused them has committed; never undoes it. */
export type NoticePublisher = (notices: readonly Notice[], now: Date) => Promise<void>;
