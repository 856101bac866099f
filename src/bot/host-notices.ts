import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { HostRequest } from '../generated/sqlite/client.js';
import { enqueue, enqueueToPerson, reachable } from '../outbox/outbox.js';
import { formatDate, formatDateTime } from '../time.js';
import { approvalKey, approvalTaskId } from './card-actions.js';
import type { ActionCard, CardUpdate, PlatformSender } from './sender.js';

/**
 * Who hears what in the 承办 cycle, queued in the outbox after the change has committed:
 * admins get an approval card for each new request; the applicant's group hears the decision
 * (with the reason for a rejection), a move to the waitlist, or a move back to pending; admins
 * hear when a waitlisted request comes back. Once a request is decided, every admin's card shows
 * who decided it.
 */
export interface NoticeEnv {
  db: Db;
  senders: ReadonlyMap<string, PlatformSender>;
  now: Date;
}

type Request = HostRequest & { unit: { name: string } };

async function admins(env: NoticeEnv) {
  const members = await env.db.member.findMany({ where: { role: { in: ['ADMIN', 'SUPERADMIN'] } }, orderBy: { id: 'asc' } });
  return members.filter((m) => env.senders.get(m.platform)?.reachesPeople);
}

/** The applicant's group hears `body` once per `key`, if the bot can reach it. */
async function tellGroup(env: NoticeEnv, r: Request, key: string, body: string): Promise<void> {
  if (!r.chatId) return;
  const chat = await env.db.chat.findUnique({ where: { id: r.chatId } });
  if (chat && chat.isGroup && reachable(chat, env.senders)) await enqueue(env.db, { chat, body, dedupeKey: key, at: env.now });
}

async function tellAdmins(env: NoticeEnv, key: string, body: string): Promise<void> {
  for (const a of await admins(env)) {
    await enqueueToPerson(env.db, { platform: a.platform, userId: a.platformUserId, kind: 'text', body, dedupeKey: `${key}:${a.id}`, at: env.now });
  }
}

/** A new request: an approval card to every admin the bot can reach. */
export async function announceRequest(env: NoticeEnv, r: Request, slots: { left: number; capacity: number }): Promise<void> {
  const contact = `${r.contactName}${r.contactPhone ? ` ${r.contactPhone}` : ''}`;
  const card: ActionCard = {
    taskId: approvalTaskId(r.id, randomBytes(4).toString('hex')),
    title: `承办申报 #${r.id}：${r.unit.name}`,
    description: `${r.month} 剩余名额 ${slots.left}/${slots.capacity}${r.status === 'WAITLISTED' ? '（已候补）' : ''}`,
    fields: [
      ['主题', r.theme],
      ['日期', formatDate(r.proposedAt)],
      ['地点', r.place],
      ['人数', `预计 ${r.expectedParticipants} 人`],
      ['联系人', contact],
      ['月份', r.month],
    ],
    buttons: [
      { key: approvalKey('approve', r.id), text: '批准', style: 'primary', command: `批准 ${r.id}` },
      { key: approvalKey('reject', r.id), text: '驳回', style: 'danger', command: `驳回 ${r.id}` },
    ],
  };
  for (const a of await admins(env)) {
    await enqueueToPerson(env.db, {
      platform: a.platform,
      userId: a.platformUserId,
      kind: 'card',
      body: JSON.stringify(card),
      dedupeKey: `hostcard:${r.id}:${a.platform}:${a.platformUserId}`,
      at: env.now,
    });
  }
}

/**
 * A decision: the applicant's group hears it, requests moved to the waitlist hear that, and every
 * admin's card shows who decided (a card not yet sent keeps its buttons; a click then gets
 * 「已由…处理」 from the same decision logic).
 */
export async function announceDecision(env: NoticeEnv, r: Request, by: string, waitlisted: Request[] = []): Promise<void> {
  const what = `承办申报 #${r.id}（${r.unit.name} ${r.month}「${r.theme}」）`;
  if (r.status === 'APPROVED') {
    await tellGroup(env, r, `host:${r.id}:approved`, `🎉 ${what}已获省总工会批准！请按《通知》做好筹备，活动办完后发送「提交材料」提交照片、视频和稿件。`);
  } else if (r.status === 'REJECTED') {
    await tellGroup(env, r, `host:${r.id}:rejected`, `${what}未获批准。理由：${r.reason}\n欢迎申报其他月份。`);
  }
  for (const w of waitlisted) {
    await tellGroup(env, w, `host:${w.id}:waitlisted:${r.id}`, `承办申报 #${w.id}（${w.month}「${w.theme}」）：${w.month} 的名额已满，已列入候补；有名额空出时会按申报先后递补。`);
  }
  const update: CardUpdate = { text: `已由${by}${r.status === 'APPROVED' ? '批准' : '驳回'}`, state: r.status === 'APPROVED' ? 'accepted' : 'rejected' };
  // Through the outbox: the updates survive a crash, are retried, and one that cannot be made
  // (e.g. its code expired after 72 h) is marked failed with the platform's words.
  const cards = await env.db.outbox.findMany({ where: { dedupeKey: { startsWith: `hostcard:${r.id}:` }, status: 'SENT', result: { not: '' } } });
  for (const c of cards) {
    await enqueueToPerson(env.db, {
      platform: c.platform,
      userId: c.userId,
      kind: 'card-update',
      body: JSON.stringify({ handle: c.result, update }),
      dedupeKey: `hostcard-update:${r.id}:${c.id}`,
      at: env.now,
    });
  }
}

/** A waitlisted request back to pending (a slot freed): its group and the admins hear it. */
export async function announcePromotion(env: NoticeEnv, r: Request): Promise<void> {
  await tellGroup(env, r, `host:${r.id}:promoted:${env.now.getTime()}`, `承办申报 #${r.id}（${r.month}「${r.theme}」）有名额空出，已从候补转为待审批。`);
  await tellAdmins(env, `host:${r.id}:promoted:${env.now.getTime()}`, `${r.month} 有承办名额空出：候补的 #${r.id} ${r.unit.name}「${r.theme}」已转为待审批（${formatDateTime(env.now)}）。发送「审批列表」查看。`);
}
