import type { Db, Tx } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { GroupCommit } from '../db/group-commit.js';
import { claimDone, markGiven } from '../db/hot.js';

/**
 * The record of message ids already handled, and their replies: the same platform message id has
 * exactly one effect and always gets the same reply, across retries and instances.
 */
export class ProcessedMessages {
  constructor(
    private readonly prisma: Db,
    private readonly clock: () => Date,
    /** Where the reply's "given" mark is written (grouped with other writes on SQLite); else at once. */
    private readonly writes?: GroupCommit,
  ) {}

  /**
   * Inside the message's transaction: the stored reply when the id was handled before, else
   * claims the id (undefined). Claimed first so that a delivery running alongside in another
   * instance waits on this row's unique key and then answers with this reply, never running the
   * command a second time (which matters for commands that call a platform, such as 设置推送).
   */
  async claim(tx: Tx, platform: string, messageId: string): Promise<string | undefined> {
    // A message in the inbox (RECEIVED) is taken by the first transaction to update its row; one
    // running alongside waits on the row and then finds it DONE.
    const taken = await tx.processedMessage.updateMany({ where: { platform, messageId, status: 'RECEIVED' }, data: { status: 'DONE', claimedUntil: null } });
    if (taken.count === 1) return undefined;
    const seen = await tx.processedMessage.findUnique({ where: { platform_messageId: { platform, messageId } } });
    if (seen) return seen.reply;
    await tx.processedMessage.create({ data: { platform, messageId } });
    return undefined;
  }

  /**
   * Claims the id and stores its reply in one statement, at the end of the message's transaction
   * (for commands whose only effects are in that transaction, see the dispatcher's CLAIMED_AT_END).
   * A delivery that finds the id handled already throws AlreadyHandled with the stored reply: its
   * transaction is rolled back, so the effect stays once. One running alongside in another
   * instance waits on the row, then finds it handled.
   */
  async claimWithReply(tx: Tx, platform: string, messageId: string, reply: string): Promise<void> {
    if (await claimDone(tx, platform, messageId, reply)) return;
    const seen = await tx.processedMessage.findUnique({ where: { platform_messageId: { platform, messageId } } });
    if (seen) throw new AlreadyHandled(seen.reply);
    await tx.processedMessage.create({ data: { platform, messageId, reply } });
  }

  async storeReply(tx: Tx, platform: string, messageId: string, reply: string): Promise<void> {
    await tx.processedMessage.update({ where: { platform_messageId: { platform, messageId } }, data: { reply, status: 'DONE', lastError: '' } });
  }

  /** A refused command changes nothing but is still answered once per message id. */
  async recordRefusal(platform: string, messageId: string, reply: string): Promise<void> {
    const inInbox = await this.prisma.processedMessage.updateMany({
      where: { platform, messageId, status: 'RECEIVED' },
      data: { status: 'DONE', reply, claimedUntil: null },
    });
    if (inInbox.count === 1) return;
    try {
      await this.prisma.processedMessage.create({ data: { platform, messageId, reply } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /**
   * A bug failed a message from the inbox: it keeps the apology as its reply (a redelivery gets
   * the same) and the error for admins (发送状态), and is not tried again.
   */
  async recordFailure(platform: string, messageId: string, reply: string, error: string): Promise<void> {
    await this.prisma.processedMessage.updateMany({
      where: { platform, messageId, status: 'RECEIVED' },
      data: { status: 'FAILED', reply, lastError: error.slice(0, 2000), claimedUntil: null },
    });
  }

  /**
   * findFirst, not findUnique: Prisma merges the findUniques of one tick into one query, which
   * fails past the database's parameter limit when a burst of redeliveries or stream refreshes
   * arrives at once (prisma/orm#23957, open).
   */
  async storedReply(platform: string, messageId: string): Promise<string | undefined> {
    const seen = await this.prisma.processedMessage.findFirst({ where: { platform, messageId, status: { not: 'RECEIVED' } }, select: { reply: true } });
    return seen?.reply;
  }

  /**
   * Whether this delivery should send the message's reply, where replies go apart from the
   * callback (DingTalk Stream redelivers a frame whose ack was lost to any instance): true once per
   * message id across instances, and always for a reply never stored (an apology). A send that
   * fails gives its claim back with releaseReply, so a redelivery sends it.
   */
  async claimReply(platform: string, messageId: string): Promise<boolean> {
    const mark = (db: Tx) => markGiven(db, platform, messageId, this.clock());
    if (this.writes ? await this.writes.write(mark) : await mark(this.prisma)) return true;
    return !(await this.prisma.processedMessage.findFirst({ where: { platform, messageId }, select: { messageId: true } }));
  }

  async releaseReply(platform: string, messageId: string): Promise<void> {
    await this.prisma.processedMessage.updateMany({ where: { platform, messageId }, data: { repliedAt: null } });
  }
}

/** The message id was handled already (by another delivery): its transaction is undone and this is the reply. */
export class AlreadyHandled extends Error {
  constructor(readonly reply: string) {
    super('message handled already');
  }
}
