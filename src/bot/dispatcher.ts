import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.js';
import type { Campaign } from '../generated/sqlite/client.js';
import { UserError } from '../domain/errors.js';
import { refusal } from './access.js';
import type { CommandDef, Context, Field } from './command.js';
import type { IncomingMessage } from './message.js';
import type { PlatformSender } from './sender.js';
import { distance, normalise, parseArgs, stripAddress } from './text.js';

/** How long a follow-up question waits for its answer. */
export const CONVERSATION_TTL_MS = 10 * 60_000;
const CANCEL = new Set(['取消', '算了', '退出', 'cancel', 'q']);
const MAX_TEXT = 4000;

export interface DispatcherOptions {
  database: Database;
  campaign: Campaign;
  commands: readonly CommandDef[];
  superadmins: ReadonlyArray<{ platform: string; userId: string }>;
  logger: Logger;
  clock?: () => Date;
  /** Each platform's sender, for commands that send (设置推送 tests a push address). */
  senders?: ReadonlyMap<string, PlatformSender>;
  exportLinks?: { base: string; secret: string };
}

type Identity = Pick<Context, 'chat' | 'member'>;
type AfterCommit = Parameters<Context['afterCommit']>[0];

interface PendingState {
  raw: Record<string, string>;
  asking: string;
}

/**
 * Turns one incoming message into one reply: finds the command, checks who may use it, fills its
 * fields (asking for missing ones), runs it, and records the message id so a platform's retry
 * gets the same reply with no second effect. Never throws; never answers with an empty text.
 */
export class Dispatcher {
  readonly commands: readonly CommandDef[];
  private readonly byName: Array<{ name: string; def: CommandDef }>;

  constructor(private readonly o: DispatcherOptions) {
    this.commands = o.commands;
    this.byName = o.commands
      .flatMap((def) => def.names.map((name) => ({ name: name.toLowerCase(), def })))
      .sort((a, b) => b.name.length - a.name.length);
  }

  async handle(msg: IncomingMessage): Promise<string> {
    const now = msg.receivedAt ?? this.o.clock?.() ?? new Date();
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.once(msg, now);
        this.o.logger.info({ platform: msg.platform, messageId: msg.messageId, ms: Date.now() - started }, 'message handled');
        return reply;
      } catch (err) {
        if (err instanceof UserError) return this.recordRejection(msg, err.message);
        if (isConflict(err)) {
          // Another delivery of this message id won: its reply stands.
          const seen = await this.o.database.prisma.processedMessage.findFirst({
            where: { platform: msg.platform, messageId: msg.messageId },
          });
          if (seen) return seen.reply;
          // Another message raced for the same row (a new month's slots, a first member): run again.
          if (attempt < 3) continue;
        }
        this.o.logger.error({ err, platform: msg.platform, messageId: msg.messageId }, 'command failed');
        return '抱歉，处理这条消息时出了点问题，已经记录下来了。请稍后再试，或联系管理员。';
      }
    }
  }

  /** One attempt: claim the message id, run the command, store the reply — all or nothing. */
  private async once(msg: IncomingMessage, now: Date): Promise<string> {
    const who = await this.identify(msg);
    const key = { platform_messageId: { platform: msg.platform, messageId: msg.messageId } };
    const after: AfterCommit[] = [];
    const reply = await this.o.database.prisma.$transaction(
      async (tx) => {
        after.length = 0;
        const seen = await tx.processedMessage.findUnique({ where: key });
        if (seen) return seen.reply;
        // Claimed first: a delivery running alongside in another instance waits on this row's
        // unique key and then answers with this reply, never running the command a second time
        // (which matters for commands that call a platform, such as 设置推送).
        await tx.processedMessage.create({ data: { platform: msg.platform, messageId: msg.messageId } });
        const reply = await this.process(tx, msg, now, who, after);
        await tx.processedMessage.update({ where: key, data: { reply } });
        return reply;
      },
      { maxWait: 15_000, timeout: 30_000 },
    );
    // Only once the change is committed: notices, cards. A failure here is logged, never undoes it.
    for (const fn of after) {
      try {
        await fn({ db: this.o.database.prisma, senders: this.o.senders ?? new Map() });
      } catch (err) {
        this.o.logger.error({ err, platform: msg.platform, messageId: msg.messageId }, 'after-commit step failed');
      }
    }
    return reply;
  }

  /**
   * Whether this delivery should send the message's reply, where replies go apart from the
   * callback (DingTalk Stream redelivers a frame whose ack was lost to any instance): true once per
   * message id across instances, and always for a reply never stored (an apology). A send that
   * fails gives its claim back with releaseReply, so a redelivery sends it.
   */
  async claimReply(platform: string, messageId: string): Promise<boolean> {
    const prisma = this.o.database.prisma;
    const claimed = await prisma.processedMessage.updateMany({
      where: { platform, messageId, repliedAt: null },
      data: { repliedAt: this.o.clock?.() ?? new Date() },
    });
    if (claimed.count === 1) return true;
    return !(await prisma.processedMessage.findFirst({ where: { platform, messageId }, select: { messageId: true } }));
  }

  async releaseReply(platform: string, messageId: string): Promise<void> {
    await this.o.database.prisma.processedMessage.updateMany({ where: { platform, messageId }, data: { repliedAt: null } });
  }

  /** A refused command changes nothing but is still answered once per message id. */
  private async recordRejection(msg: IncomingMessage, reply: string): Promise<string> {
    // A refused answer ends any follow-up it belonged to, so the next message starts afresh.
    await this.o.database.prisma.conversation.deleteMany({
      where: { platform: msg.platform, platformChatId: msg.chatId, platformUserId: msg.senderId },
    });
    try {
      await this.o.database.prisma.processedMessage.create({
        data: { platform: msg.platform, messageId: msg.messageId, reply },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    return reply;
  }

  private async process(tx: Tx, msg: IncomingMessage, now: Date, who: Identity, after: AfterCommit[]): Promise<string> {
    const replies: string[] = [];
    const ctx = this.context(tx, msg, now, replies, who);
    ctx.afterCommit = (fn) => void after.push(fn);
    let running: CommandDef | undefined;
    ctx.ask = async (key, prompt, raw) => {
      if (!running) throw new Error('ctx.ask outside a command');
      await this.saveQuestion(ctx, running, key, raw);
      replies.push(`${prompt}\n（回复「取消」可退出）`);
    };
    const line = stripAddress(normalise(msg.text.slice(0, MAX_TEXT)));
    const where = {
      platform_platformChatId_platformUserId: {
        platform: msg.platform,
        platformChatId: msg.chatId,
        platformUserId: msg.senderId,
      },
    };
    const pending = await tx.conversation.findUnique({ where });
    // While a question is open, an answer such as 「我的读书群」 must not be taken for 「我的」:
    // only a command word standing alone (or followed by a space) interrupts the question.
    const found = this.find(line, Boolean(pending));

    if (pending) {
      await tx.conversation.delete({ where });
      const def = this.commands.find((c) => c.names[0] === pending.command);
      const live = pending.expiresAt > now && def;
      if (CANCEL.has(line.toLowerCase())) {
        return live ? `好的，已取消「${pending.command}」。` : '现在没有需要取消的操作。';
      }
      if (live && !found) {
        const refused = refusal(def, ctx);
        if (refused) return refused;
        const state = JSON.parse(pending.state) as PendingState;
        state.raw[state.asking] = line;
        running = def;
        await this.runWithFields(ctx, def, state.raw);
        return finish(replies);
      }
      if (!live && !found) {
        return `上一个问题（「${pending.command}」）已超过 10 分钟没有回复，已自动取消。请重新发送命令。`;
      }
    } else if (CANCEL.has(line.toLowerCase())) {
      return '现在没有需要取消的操作。';
    }

    if (!line) return `您好！我是${this.o.campaign.name}活动助手。发送「帮助」看看我能做什么。`;
    if (!found) return this.unknown(line, ctx);
    const { def, rest } = found;
    const refused = refusal(def, ctx);
    if (refused) return refused;
    const args = parseArgs(rest);
    running = def;
    if (def.fields) await this.runWithFields(ctx, def, def.mapArgs ? def.mapArgs(args) : mapFields(def, args));
    else await def.run(ctx, { rest: args.rest });
    return finish(replies);
  }

  /** Fills every field; asks for the first one that is missing or wrong, or runs the command. */
  private async runWithFields(ctx: Context, def: CommandDef, raw: Record<string, string>): Promise<void> {
    const values: Record<string, unknown> = {};
    for (const field of def.fields ?? []) {
      let input: string | undefined = raw[field.key];
      if ((input === undefined || input === '') && field.fallback) input = field.fallback(ctx);
      const others = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== field.key));
      if (input === undefined || input === '') {
        if (field.optional) continue;
        return this.ask(ctx, def, field, others);
      }
      const parsed = field.schema({ now: ctx.now }).safeParse(input);
      if (!parsed.success) {
        return this.ask(ctx, def, field, others, parsed.error.issues[0]?.message);
      }
      values[field.key] = parsed.data;
    }
    await def.run(ctx, values);
  }

  private async ask(ctx: Context, def: CommandDef, field: Field, raw: Record<string, string>, problem?: string) {
    await this.saveQuestion(ctx, def, field.key, raw);
    const prompt = field.prompt || `请重新发送${field.label}。`;
    ctx.reply(`${problem ? `${problem}。\n` : ''}${prompt}\n（回复「取消」可退出）`);
  }

  private async saveQuestion(ctx: Context, def: CommandDef, asking: string, raw: Record<string, string>) {
    const state: PendingState = { raw, asking };
    await ctx.db.conversation.create({
      data: {
        platform: ctx.message.platform,
        platformChatId: ctx.message.chatId,
        platformUserId: ctx.message.senderId,
        command: def.names[0],
        state: JSON.stringify(state),
        expiresAt: new Date(ctx.now.getTime() + CONVERSATION_TTL_MS),
      },
    });
  }

  /**
   * The command a line starts with: the longest name that fits; English names need a word break,
   * and with `strict` every name does.
   */
  find(line: string, strict = false): { def: CommandDef; rest: string } | undefined {
    const lower = line.toLowerCase();
    for (const { name, def } of this.byName) {
      if (!lower.startsWith(name)) continue;
      const next = line.charAt(name.length);
      if (strict && next && next !== ' ') continue;
      if (/^[a-z]/.test(name) && next && !/[\s\d]/.test(next)) continue;
      return { def, rest: line.slice(name.length).replace(/^[\s:=,;]+/, '').trim() };
    }
    return undefined;
  }

  private unknown(line: string, ctx: Context): string {
    const word = line.split(/\s/)[0].slice(0, 20);
    const allowed = this.commands.filter((c) => !refusal(c, ctx));
    let best: { name: string; d: number } | undefined;
    for (const c of allowed) {
      for (const name of c.names) {
        const d = distance(word.toLowerCase(), name.toLowerCase().slice(0, Math.max(word.length, name.length)));
        if (!best || d < best.d) best = { name: c.names[0], d };
      }
    }
    const near = best && best.d <= Math.max(1, Math.floor(word.length / 2)) ? `您是不是想用「${best.name}」？` : '';
    return `没有「${word}」这个命令。${near}发送「帮助」查看全部命令。`;
  }

  /**
   * The chat and the sender, created on first sight, outside the message's transaction so that a
   * refused command still records them. Read first and written only when something changed: most
   * messages come from chats and people already known. Two first messages at once may race on the
   * unique keys: the loser retries and finds the winner's row.
   */
  private async identify(msg: IncomingMessage): Promise<Identity> {
    const prisma = this.o.database.prisma;
    const title = (msg.chatTitle ?? '').slice(0, 100);
    const superadmin = this.o.superadmins.some((s) => s.platform === msg.platform && s.userId === msg.senderId);
    const name = (msg.senderName || msg.senderId).slice(0, 50);
    // findFirst, not findUnique: Prisma merges the findUniques of one tick into one query, which
    // fails past the database's parameter limit when hundreds of messages arrive at once
    // (prisma/orm#23957, open).
    const chatKey = { platform: msg.platform, platformChatId: msg.chatId };
    const memberKey = { platform: msg.platform, platformUserId: msg.senderId };
    const include = { unit: true } as const;
    for (let attempt = 0; ; attempt++) {
      try {
        let chat = await prisma.chat.findFirst({ where: chatKey, include });
        if (!chat) {
          chat = await prisma.chat.create({
            data: { platform: msg.platform, platformChatId: msg.chatId, title, isGroup: msg.chatType === 'group' },
            include,
          });
        } else if (title && chat.title !== title) {
          chat = await prisma.chat.update({ where: { id: chat.id }, data: { title }, include });
        }
        let member = await prisma.member.findFirst({ where: memberKey, include });
        if (!member) {
          member = await prisma.member.create({
            data: { platform: msg.platform, platformUserId: msg.senderId, displayName: name, role: superadmin ? 'SUPERADMIN' : 'CONTACT' },
            include,
          });
        } else if (member.displayName !== name || (superadmin && member.role !== 'SUPERADMIN')) {
          member = await prisma.member.update({
            where: { id: member.id },
            data: { displayName: name, ...(superadmin ? { role: 'SUPERADMIN' as const } : {}) },
            include,
          });
        }
        return { chat, member };
      } catch (err) {
        if (attempt < 3 && isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  private context(tx: Tx, msg: IncomingMessage, now: Date, replies: string[], { chat, member }: Identity): Context {
    const ctx: Context = {
      db: tx,
      now,
      campaign: this.o.campaign,
      message: msg,
      chat,
      member,
      isAdmin: member.role === 'ADMIN' || member.role === 'SUPERADMIN',
      commands: this.commands,
      sender: this.o.senders?.get(msg.platform),
      exportLinks: this.o.exportLinks,
      reply: (text) => void replies.push(text),
      afterCommit: () => {
        throw new Error('set by process()');
      },
      ask: async () => {
        throw new Error('set by process()');
      },
      audit: async (action, entity, entityId, detail) => {
        await tx.auditLog.create({
          data: {
            memberId: member.id,
            actor: `${msg.platform}:${msg.senderId}`,
            action,
            entity,
            entityId: String(entityId),
            detail: detail === undefined ? '' : JSON.stringify(detail),
            platform: msg.platform,
            messageId: msg.messageId,
          },
        });
      },
    };
    return ctx;
  }
}

/** `字段=值` by label or alias, then positional words in order; the last positional field takes the rest. */
export function mapFields(def: CommandDef, args: ReturnType<typeof parseArgs>): Record<string, string> {
  const raw: Record<string, string> = {};
  const fields = def.fields ?? [];
  for (const [name, value] of args.named) {
    const f = fields.find((x) => x.label === name || x.key === name || x.names?.includes(name));
    if (f) raw[f.key] = value;
  }
  const order = (def.positional ?? fields.map((f) => f.key)).filter((k) => raw[k] === undefined);
  const words = [...args.positional];
  order.forEach((key, i) => {
    if (!words.length) return;
    raw[key] = i === order.length - 1 ? words.splice(0).join(' ') : words.shift()!;
  });
  return raw;
}

function finish(replies: string[]): string {
  const text = replies.join('\n\n').trim();
  return text || '好的。';
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

/** A unique-key race or a write conflict between concurrent transactions: safe to run again. */
function isConflict(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'P2002' || code === 'P2034' || /\b(40001|40P01)\b|deadlock|could not serialize/i.test(String(err));
}
