import type { ContactRequest, HostRequest, Member, Unit } from '../generated/sqlite/client.js';

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
  /**
   * A request withdrawn (by `by`): admins hear it (and that an approved one's slot is free); the
   * unit's group hears it when someone other than the one who asked for it withdrew it (`tellGroup`).
   */
  | { kind: 'host-withdrawn'; request: RequestWithUnit; by: string; tellGroup?: boolean }
  /** A waitlisted request back to pending: a slot freed. */
  | { kind: 'host-promoted'; request: RequestWithUnit }
  /** Someone became a unit's first contact by themselves: admins look it over (and may revoke). */
  | { kind: 'contact-first'; unit: Unit; member: Member }
  /** Someone asks to act for a unit that has contacts: they and the admins may agree. */
  | { kind: 'contact-requested'; request: ContactRequest; unit: Unit; member: Member; contacts: Member[] }
  /** A contact or an admin (`by`) decided a request: the asker hears it where they asked. */
  | { kind: 'contact-decided'; request: ContactRequest & { unit: Unit; member: Member }; by: string };

/** Delivers notices after the change that caused them has committed; never undoes it. */
export type NoticePublisher = (notices: readonly Notice[], now: Date) => Promise<void>;
