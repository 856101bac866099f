import { randomBytes } from 'node:crypto';
import { approvalKey, approvalTaskId } from '../bot/card-actions.js';
import type { ActionCard, CardUpdate, PlatformSender } from '../bot/sender.js';
import type { Db } from '../db/client.js';
import { hostDate } from '../domain/hosting.js';
import type { Notice, NoticePublisher, RequestWithUnit } from '../domain/notices.js';
import { t } from '../texts.js';
import { formatDateTime } from '../time.js';
import { publishContactNotice } from './contact-notices.js';
import { enqueue, enqueueToPerson, reachable } from './outbox.js';

/**
 * Who hears what in the 承办 cycle, queued in the outbox after the change has committed:
 * admins get an approval card for each new request; the applicant's group hears the decision
 * (with the reason for a rejection), a move to the waitlist, or a move back to pending; admins
 * hear when a waitlisted request comes back. Once a request is decided, every admin's card shows
 * who decided it. Every message has a dedupe key, so publishing the same notice twice queues once.
 */
export interface HostNoticeDeps {
  db: Db;
  senders: ReadonlyMap<string, PlatformSender>;
}

/** The Dispatcher's `publish`: the domain's notices (the 承办 cycle, and contacts: ./contact-notices.ts), into the outbox. */
export function hostNoticePublisher(deps: HostNoticeDeps): NoticePublisher {
  return async (notices, now) => {
    for (const notice of notices) await publishOne({ ...deps, now }, notice);
  };
}

interface NoticeEnv extends HostNoticeDeps {
  now: Date;
}

function publishOne(env: NoticeEnv, notice: Notice): Promise<void> {
  switch (notice.kind) {
    case 'host-requested':
      return announceRequest(env, notice.request, notice.slots);
    case 'host-decided':
      return announceDecision(env, notice.request, notice.by, notice.waitlisted);
    case 'host-promoted':
      return announcePromotion(env, notice.request);
    case 'host-withdrawn':
      return announceWithdrawal(env, notice.request, notice.by, notice.tellGroup ?? false);
    case 'contact-first':
    case 'contact-requested':
    case 'contact-decided':
      return publishContactNotice(env, notice);
  }
}

async function admins(env: NoticeEnv) {
  const members = await env.db.member.findMany({ where: { role: { in: ['ADMIN', 'SUPERADMIN'] } }, orderBy: { id: 'asc' } });
  return members.filter((m) => env.senders.get(m.platform)?.reachesPeople);
}

/** The applicant's group hears `body` once per `key`, if the bot can reach it. */
async function tellGroup(env: NoticeEnv, request: RequestWithUnit, key: string, body: string): Promise<void> {
  if (!request.chatId) return;
  const chat = await env.db.chat.findUnique({ where: { id: request.chatId } });
  if (chat && chat.isGroup && reachable(chat, env.senders)) await enqueue(env.db, { chat, body, dedupeKey: key, at: env.now });
}

async function tellAdmins(env: NoticeEnv, key: string, body: string): Promise<void> {
  for (const admin of await admins(env)) {
    await enqueueToPerson(env.db, { platform: admin.platform, userId: admin.platformUserId, kind: 'text', body, dedupeKey: `${key}:${admin.id}`, at: env.now });
  }
}

/** A new request: an approval card to every admin the bot can reach. */
async function announceRequest(env: NoticeEnv, request: RequestWithUnit, slots: { left: number; capacity: number }): Promise<void> {
  const { id } = request;
  const contact = `${request.contactName}${request.contactPhone ? ` ${request.contactPhone}` : ''}`;
  const card: ActionCard = {
    taskId: approvalTaskId(id, randomBytes(4).toString('hex')),
    title: t('notices.cardTitle', { id, unit: request.unit.name }),
    description: t('notices.cardSlots', { month: request.month, ...slots, waitlisted: request.status === 'WAITLISTED' }),
    fields: [
      [t('notices.cardTheme'), request.theme],
      [t('notices.cardDate'), hostDate(request.proposedAt)],
      [t('notices.cardPlace'), request.place],
      [t('notices.cardExpected'), t('notices.cardExpectedValue', { count: request.expectedParticipants })],
      [t('notices.cardContact'), contact],
      [t('notices.cardMonth'), request.month],
    ],
    buttons: [
      { key: approvalKey('approve', id), text: t('notices.cardApprove'), style: 'primary', command: t('notices.approveCommand', { id }) },
      { key: approvalKey('reject', id), text: t('notices.cardReject'), style: 'danger', command: t('notices.rejectCommand', { id }) },
    ],
  };
  for (const admin of await admins(env)) {
    await enqueueToPerson(env.db, {
      platform: admin.platform,
      userId: admin.platformUserId,
      kind: 'card',
      body: JSON.stringify(card),
      dedupeKey: `hostcard:${id}:${admin.platform}:${admin.platformUserId}`,
      at: env.now,
    });
  }
}

/**
 * A decision: the applicant's group hears it, requests moved to the waitlist hear that, and every
 * admin's card shows who decided (a card not yet sent keeps its buttons; a click then gets
 * 「已由…处理」 from the same decision logic).
 */
async function announceDecision(env: NoticeEnv, request: RequestWithUnit, by: string, waitlisted: readonly RequestWithUnit[]): Promise<void> {
  const { id, month, theme } = request;
  const about = { id, unit: request.unit.name, month, theme };
  if (request.status === 'APPROVED') {
    await tellGroup(env, request, `host:${id}:approved`, t('notices.approved', about));
  } else if (request.status === 'REJECTED') {
    await tellGroup(env, request, `host:${id}:rejected`, t('notices.rejected', { ...about, reason: request.reason }));
  }
  for (const moved of waitlisted) {
    await tellGroup(env, moved, `host:${moved.id}:waitlisted:${id}`, t('notices.waitlisted', { id: moved.id, month: moved.month, theme: moved.theme }));
  }
  if (request.status !== 'APPROVED' && request.status !== 'REJECTED') return;
  const update: CardUpdate = {
    text: t('notices.cardDecided', { by, decision: request.status }),
    state: request.status === 'APPROVED' ? 'accepted' : 'rejected',
  };
  // Through the outbox: the updates survive a crash, are retried, and one that cannot be made
  // (e.g. its code expired after 72 h) is marked failed with the platform's words.
  const cards = await env.db.outbox.findMany({ where: { dedupeKey: { startsWith: `hostcard:${id}:` }, status: 'SENT', result: { not: '' } } });
  for (const card of cards) {
    await enqueueToPerson(env.db, {
      platform: card.platform,
      userId: card.userId,
      kind: 'card-update',
      body: JSON.stringify({ handle: card.result, update }),
      dedupeKey: `hostcard-update:${id}:${card.id}`,
      at: env.now,
    });
  }
}

/** A waitlisted request back to pending (a slot freed): its group and the admins hear it. */
async function announcePromotion(env: NoticeEnv, request: RequestWithUnit): Promise<void> {
  const { id, month, theme } = request;
  const key = `host:${id}:promoted:${env.now.getTime()}`;
  await tellGroup(env, request, key, t('notices.promoted', { id, month, theme }));
  await tellAdmins(env, key, t('notices.promotedToAdmins', { id, unit: request.unit.name, month, theme, at: formatDateTime(env.now) }));
}

/**
 * A request withdrawn: the admins hear it (an approved one frees a slot); the unit's group hears
 * it when it was not the one who asked for it who withdrew it.
 */
async function announceWithdrawal(env: NoticeEnv, request: RequestWithUnit, by: string, tellUnit: boolean): Promise<void> {
  const about = { id: request.id, unit: request.unit.name, month: request.month, theme: request.theme, by };
  const key = `host:${request.id}:withdrawn`;
  const toAdmins = request.status === 'APPROVED' ? t('notices.withdrawnToAdmins', about) : t('notices.pendingWithdrawnToAdmins', about);
  await tellAdmins(env, key, toAdmins);
  if (!tellUnit) return;
  const chat = request.chatId ? await env.db.chat.findUnique({ where: { id: request.chatId } }) : null;
  if (chat?.isGroup) return tellGroup(env, request, key, t('notices.withdrawnToGroup', about));
  // Asked for outside a group: the unit's contacts hear it one by one.
  const contacts = await env.db.member.findMany({ where: { unitId: request.unitId }, orderBy: { id: 'asc' } });
  for (const contact of contacts.filter((m) => env.senders.get(m.platform)?.reachesPeople)) {
    const body = t('notices.withdrawnToGroup', about);
    await enqueueToPerson(env.db, { platform: contact.platform, userId: contact.platformUserId, kind: 'text', body, dedupeKey: `${key}:${contact.id}`, at: env.now });
  }
}
