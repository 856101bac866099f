import type { PlatformSender } from '../bot/sender.js';
import type { Db } from '../db/client.js';
import type { Notice } from '../domain/notices.js';
import type { Member } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { enqueue, enqueueToPerson, reachable } from './outbox.js';

/**
 * Who hears about contacts, once the change has committed: admins about a unit's first contact
 * (they may revoke it) and about every request; a unit's contacts about a request for their
 * unit; the asker about the decision, in the chat where they asked. Keys make each once-only.
 */
export interface ContactNoticeEnv {
  db: Db;
  senders: ReadonlyMap<string, PlatformSender>;
  now: Date;
}

type ContactNotice = Extract<Notice, { kind: 'contact-first' | 'contact-requested' | 'contact-decided' }>;

export async function publishContactNotice(env: ContactNoticeEnv, notice: ContactNotice): Promise<void> {
  switch (notice.kind) {
    case 'contact-first': {
      const body = t('notices.contactFirst', { name: notice.member.displayName, unit: notice.unit.name });
      return tellPeople(env, await admins(env), `contact-first:${notice.member.id}:${notice.unit.id}:${env.now.getTime()}`, body);
    }
    case 'contact-requested': {
      const body = t('notices.contactRequested', { name: notice.member.displayName, unit: notice.unit.name });
      const people = [...notice.contacts, ...(await admins(env))];
      return tellPeople(env, people, `contact-request:${notice.request.id}`, body);
    }
    case 'contact-decided': {
      const { request, by } = notice;
      const about = { name: request.member.displayName, unit: request.unit.name, by };
      const body = t(request.status === 'APPROVED' ? 'notices.contactApproved' : 'notices.contactRejected', about);
      const key = `contact-decided:${request.id}`;
      const chat = request.chatId ? await env.db.chat.findUnique({ where: { id: request.chatId } }) : null;
      if (chat?.isGroup && reachable(chat, env.senders)) {
        await enqueue(env.db, { chat, body, dedupeKey: key, at: env.now });
        return;
      }
      return tellPeople(env, [request.member], key, body);
    }
  }
}

async function admins(env: ContactNoticeEnv): Promise<Member[]> {
  return env.db.member.findMany({ where: { role: { in: ['ADMIN', 'SUPERADMIN'] } }, orderBy: { id: 'asc' } });
}

/** One text to each person the bot can reach on their platform, once per key and person. */
async function tellPeople(env: ContactNoticeEnv, people: readonly Member[], key: string, body: string): Promise<void> {
  const seen = new Set<number>();
  for (const person of people) {
    if (seen.has(person.id) || !env.senders.get(person.platform)?.reachesPeople) continue;
    seen.add(person.id);
    await enqueueToPerson(env.db, { platform: person.platform, userId: person.platformUserId, kind: 'text', body, dedupeKey: `${key}:${person.id}`, at: env.now });
  }
}
