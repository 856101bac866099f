import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.js';
import { isConflict, isInfrastructure } from '../db/errors.js';
import { Inbox, type InboxOptions } from '../inbox/inbox.js';
import { UserError } from '../domain/errors.js';
import type { Notice, NoticePublisher } from '../domain/notices.js';
import type { Campaign } from '../generated/sqlite/client.js';
import { CANCEL_WORDS, SMALL_TALK, t, THANKS_WORDS, YES_WORDS } from '../texts.js';
import { refusal } from './access.js';
import { decidedCard, readApprovalClick } from './card-actions.js';
import type { CommandDef, Context } from './command.js';
import { CommandIndex, type Found } from './command-lookup.js';
import { createContext } from './context.js';
import { asker, CONFIRM, Conversations, type QuestionState } from './conversations.js';
import { fillFields, readCommand } from './field-mapping.js';
import { identify, type Identity, type Superadmins } from './identity.js';
import type { Handled, IncomingMessage, MessageHandler } from './message.js';
import { AlreadyHandled, ProcessedMessages } from './processed-messages.js';
import type { CardAction, CardActionResult, PlatformSender, ReplyRoute } from './sender.js';
import { clip, commandLine, simplified, TRAILING_PUNCTUATION } from './text.js';

export interface DispatcherOptions {
  database: Database;
  campaign: Campaign;
  commands: readonly CommandDef[];
  superadmins: Superadmins;
  logger: Logger;
  clock?: () => Date;
  /** Each platform's sender, for commands that send (设置推送 tests a push address). */
  senders?: ReadonlyMap<string, PlatformSender>;
  exportLinks?: { base: string; secret: string };
  /** Delivers what commands ask others to be told, once their change has committed. */
  publish?: NoticePublisher;
  /** How long a received message is its callback's before an inbox worker takes it (INBOX_CLAIM_MS). */
  inboxClaimMs?: number;
  /** Where a late reply is written the moment it is sent (see SentLog). */
  sentLog?: InboxOptions['sentLog'];
}

/** Where a run of a command stands in a dialogue: answering a question, and what was confirmed. */
interface Session {
  /** The field the message answers, when it answers a question. */
  answering?: string;
  tries?: number;
  confirmed?: string[];
}

/**
 * Commands (by a name of theirs: 排行) that only read the database and send nothing anywhere:
 * where a callback's answer carries the reply, they are answered without an inbox row or a
 * transaction (isPureRead).
 */
const PURE_READS: readonly string[] = ['rank'];
/**
 * Commands (上报, 荐书) whose every effect is a database write in the message's transaction (nothing
 * sent to a platform meanwhile): the message id is claimed with the reply at the end, one statement
 * instead of two; a second delivery that ran alongside is rolled back there
 * (ProcessedMessages.claimWithReply).
 */
const CLAIMED_AT_END: readonly string[] = ['report', 'recommend'];

/** Whether the whole line is one of `list` (ignoring a final 。！). */
function isWord(list: readonly string[], simple: string): boolean {
  return list.includes(simple.replace(TRAILING_PUNCTUATION, '').trim());
}

/** A command to run with its fields already known (a card click), instead of text to read. */
interface Invocation {
  def: CommandDef;
  raw: Record<string, string>;
}

/**
 * Turns one incoming message into one reply, in the spirit of hubot's CommandBus.invoke():
 * identify the sender → claim the message id → answer an open question or find the command →
 * check access → fill its fields (asking for a missing one) → run it → store the reply → publish
 * notices. All inside one transaction, so a platform's retry gets the same reply with no second
 * effect. Never throws; never answers with an empty text.
 */
export class Dispatcher implements MessageHandler {
  readonly commands: readonly CommandDef[];
  private readonly index: CommandIndex;
  /** Lines looked up lately and what they name (find). */
  private readonly lines = new Map<string, Found | undefined>();
  private readonly processed: ProcessedMessages;
  private readonly conversations: Conversations;
  private readonly clock: () => Date;
  readonly inbox: Inbox;

  constructor(private readonly options: DispatcherOptions) {
    this.commands = options.commands;
    this.index = new CommandIndex(options.commands);
    this.clock = options.clock ?? (() => new Date());
    this.processed = new ProcessedMessages(options.database.prisma, this.clock, options.database.writes);
    this.conversations = new Conversations(options.database.prisma);
    this.inbox = new Inbox({
      prisma: options.database.prisma,
      writes: options.database.writes,
      clock: this.clock,
      senders: options.senders ?? new Map(),
      logger: options.logger,
      claimMs: options.inboxClaimMs ?? 30_000,
      sentLog: options.sentLog,
    });
  }

  async handle(msg: IncomingMessage): Promise<string> {
    return (await this.respond(msg)).reply;
  }

  process(msg: IncomingMessage, options?: { unrecorded?: boolean }): Promise<Handled> {
    return this.respond(msg, undefined, options?.unrecorded);
  }

  /** Whether the message is a command in CLAIMED_AT_END (a question it may answer is no matter: nothing reaches out). */
  private claimedAtEnd(msg: IncomingMessage): boolean {
    const found = this.find(commandLine(msg.text));
    return found !== undefined && found.def.names.some((name) => CLAIMED_AT_END.includes(name));
  }

  /** A command that only reads, with no question of the sender's to answer first (see MessageHandler.isPureRead). */
  isPureRead(msg: IncomingMessage): boolean {
    const found = this.find(commandLine(msg.text));
    return found !== undefined && found.def.names.some((name) => PURE_READS.includes(name));
  }

  /**
   * The command a whole line names (CommandIndex.find, about a millisecond of matching), kept for
   * the last lines seen: one message's line is looked up by its receiver and by the dispatcher.
   */
  private find(line: string): Found | undefined {
    if (this.lines.has(line)) return this.lines.get(line);
    const found = this.index.find(line);
    if (this.lines.size >= 500) this.lines.delete(this.lines.keys().next().value!);
    this.lines.set(line, found);
    return found;
  }

  receive = (msg: IncomingMessage, route: ReplyRoute | undefined, replyAfterMs: number) => this.inbox.receive(msg, route, replyAfterMs);
  replyLate = (platform: string, id: string, reply: string) => this.inbox.replyLate(platform, id, reply);

  /** A card click runs the command its button stands for, as the clicker, without renaming them. */
  async handleAction(action: CardAction): Promise<CardActionResult> {
    const click = readApprovalClick(action);
    const def = click && this.index.byAlias(click.verb);
    if (!click || !def) return { reply: t('bot.staleButton') };
    const msg: IncomingMessage = { platform: action.platform, chatId: action.chatId, chatType: action.chatType, senderId: action.userId, text: '', messageId: action.eventId };
    const { reply } = await this.respond(msg, { def, raw: { id: String(click.requestId) } });
    return { reply, card: await decidedCard(this.options.database.prisma, click.requestId) };
  }

  claimReply = (platform: string, id: string) => this.processed.claimReply(platform, id);
  releaseReply = (platform: string, id: string) => this.processed.releaseReply(platform, id);
  storedReply = (platform: string, id: string) => this.processed.storedReply(platform, id);

  /**
   * Runs the message, again after a write conflict; a refusal or a bug still gets its reply. A
   * database failure (src/db/errors.ts isInfrastructure) is not a bug: the message is left as it
   * was (in the inbox, to be tried again) and the result says so.
   */
  private async respond(msg: IncomingMessage, invocation?: Invocation, unrecorded = false): Promise<Handled> {
    const log = { platform: msg.platform, messageId: msg.messageId };
    try {
      return await this.attempt(msg, invocation, unrecorded);
    } catch (err) {
      // The bookkeeping of a refusal or a failure failed too.
      if (isInfrastructure(err)) {
        this.options.logger.warn({ err, ...log }, 'database unavailable; the message is tried again');
        return { reply: t('bot.apology'), retry: true };
      }
      this.options.logger.error({ err, ...log }, 'command failed');
      return { reply: t('bot.apology'), retry: false };
    }
  }

  private async attempt(msg: IncomingMessage, invocation?: Invocation, unrecorded = false): Promise<Handled> {
    const now = msg.receivedAt ?? this.clock();
    const started = Date.now();
    const log = { platform: msg.platform, messageId: msg.messageId };
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.transact(msg, now, invocation, unrecorded);
        this.options.logger.info({ ...log, ms: Date.now() - started }, 'message handled');
        return { reply, retry: false };
      } catch (err) {
        if (err instanceof UserError) return { reply: await this.refuse(msg, err.message), retry: false };
        if (isConflict(err)) {
          // Another delivery of this message id won: its reply stands.
          const stored = await this.processed.storedReply(msg.platform, msg.messageId);
          if (stored !== undefined) return { reply: stored, retry: false };
          // Another message raced for the same row (a new month's slots, a first member): run again.
          if (attempt < 3) continue;
        }
        if (isInfrastructure(err)) {
          this.options.logger.warn({ err, ...log }, 'database unavailable; the message is tried again');
          return { reply: t('bot.apology'), retry: true };
        }
        this.options.logger.error({ err, ...log }, 'command failed');
        const apology = t('bot.apology');
        await this.processed.recordFailure(msg.platform, msg.messageId, apology, String((err as Error)?.stack ?? err));
        return { reply: apology, retry: false };
      }
    }
  }

  /** One attempt: claim the message id, answer it, store the reply — all or nothing; then notices. */
  private async transact(msg: IncomingMessage, now: Date, invocation?: Invocation, unrecorded = false): Promise<string> {
    const who = await identify(this.options.database.prisma, msg, this.options.superadmins);
    const notices: Notice[] = [];
    if (unrecorded && who.asking === false && this.isPureRead(msg)) {
      // A pure read with no question open: no transaction, no record (it changes nothing).
      return this.answer(this.options.database.prisma as Tx, msg, now, who, notices);
    }
    // A command whose only effects are in this transaction claims the id as it stores the reply
    // (one statement); any other claims it first, so that a delivery alongside never reaches out twice.
    const atEnd = !invocation && this.claimedAtEnd(msg);
    // On SQLite, in one commit with the other messages' writes that arrive meanwhile (group-commit.ts).
    const reply = await this.options.database.writes
      .transaction(async (tx) => {
        notices.length = 0;
        if (!atEnd) {
          const stored = await this.processed.claim(tx, msg.platform, msg.messageId);
          if (stored !== undefined) return stored;
        }
        const reply = await this.answer(tx, msg, now, who, notices, invocation);
        if (atEnd) await this.processed.claimWithReply(tx, msg.platform, msg.messageId, reply);
        else await this.processed.storeReply(tx, msg.platform, msg.messageId, reply);
        return reply;
      })
      .catch((err: unknown) => {
        if (!(err instanceof AlreadyHandled)) throw err;
        notices.length = 0;
        return err.reply;
      });
    if (notices.length) await this.publish(notices, now, msg);
    return reply;
  }

  /** A refused command changes nothing, ends any question it answered, and is answered once per id. */
  private async refuse(msg: IncomingMessage, reply: string): Promise<string> {
    await this.conversations.drop(asker(msg));
    await this.processed.recordRefusal(msg.platform, msg.messageId, reply);
    return reply;
  }

  /** The reply to a message: an open question answered, or a command found and run. */
  private async answer(tx: Tx, msg: IncomingMessage, now: Date, who: Identity, notices: Notice[], invocation?: Invocation): Promise<string> {
    const replies: string[] = [];
    const { campaign, exportLinks } = this.options;
    const sender = this.options.senders?.get(msg.platform);
    const outside = () => Promise.reject(new Error('ask() outside a command'));
    const ctx = createContext({
      tx, now, message: msg, who, replies, notices, campaign, commands: this.commands, sender, exportLinks,
      ask: outside, confirm: outside, confirmed: () => false,
    });
    if (invocation) return this.execute(ctx, invocation.def, invocation.raw, '', replies, {});
    const line = commandLine(msg.text);
    const simple = simplified(line).toLowerCase();
    const cancel = CANCEL_WORDS.includes(simple.replace(TRAILING_PUNCTUATION, ''));
    // The identity read says whether a question is open: most messages need not look.
    const open = who.asking === false ? undefined : await this.conversations.take(tx, asker(msg), now);
    const def = open && this.commands.find((c) => c.names[0] === open.command);
    if (open && open.live && def) {
      const { state } = open;
      if (cancel) return t('bot.cancelled', { command: open.command });
      if (state.asking === CONFIRM) {
        if (isWord(YES_WORDS, simple)) return this.execute(ctx, def, state.raw, state.rest ?? '', replies, { confirmed: state.confirmed });
        const next = this.find(line);
        if (!next) return t('bot.notConfirmed', { command: open.command });
        replies.push(t('bot.notConfirmed', { command: open.command }));
        return this.run(ctx, next, replies);
      }
      const clear = this.index.find(line, true);
      // 「撤销」 while a question is open means this one, not the change made before it.
      if (clear && clear.def.names.includes('undo') && !clear.rest) return t('bot.cancelled', { command: open.command });
      if (clear) {
        replies.push(t('bot.questionDropped', { command: open.command }));
        return this.run(ctx, clear, replies);
      }
      if (!line || isWord(SMALL_TALK, simple)) {
        await this.conversations.ask(tx, asker(msg), open.command, state, now);
        return t('bot.stillWaiting', { prompt: state.prompt ?? t('bot.sendFieldAgain', { label: def.fields?.[state.asking]?.label ?? '' }) });
      }
      // An answer that completes what was typed before (「下午两点」 for 「6月15日」) joins it.
      const joined = state.typed && def.fields?.[state.asking]?.joinAnswer?.(state.typed, line);
      return this.execute(ctx, def, { ...state.raw, [state.asking]: joined || line }, state.rest ?? '', replies, {
        answering: state.asking,
        tries: state.tries,
        confirmed: state.confirmed,
      });
    }
    if (cancel) return t('bot.nothingToCancel');
    const found = this.find(line);
    if (found) return this.run(ctx, found, replies);
    if (open) return t('bot.questionExpired', { command: open.command });
    if (!line) return t('bot.greeting', { campaign: campaign.name });
    if (isWord(THANKS_WORDS, simple)) return t('bot.thanks');
    if (isWord(SMALL_TALK, simple)) return t('bot.greeting', { campaign: campaign.name });
    if (isWord(YES_WORDS, simple)) return t('bot.nothingToConfirm');
    const allowed = this.commands.filter((c) => !refusal(c, ctx));
    const guessed = await this.index.guess(line, allowed);
    if (guessed) {
      const { raw, rest } = readCommand(guessed);
      const understood = `${guessed.def.names[0]}${guessed.rest ? ` ${clip(guessed.rest)}` : ''}`;
      const prompt = t('bot.confirmGuess', { typed: clip(line), understood });
      const state = { raw, rest, asking: CONFIRM, prompt, confirmed: ['command'] };
      await this.conversations.ask(tx, asker(msg), guessed.def.names[0], state, now);
      return t('bot.confirm', { prompt });
    }
    return this.index.unknown(line, allowed);
  }

  /** A command found in the text: its words mapped to fields, then run. */
  private run(ctx: Context, found: Found, replies: string[]): Promise<string> {
    const { def, raw, rest } = readCommand(found);
    return this.execute(ctx, def, raw, rest, replies, {});
  }

  /** Checks access, fills the fields (asking for the first one missing or wrong), runs the command. */
  private async execute(ctx: Context, def: CommandDef, raw: Record<string, string>, rest: string, replies: string[], session: Session): Promise<string> {
    const refused = refusal(def, ctx);
    if (refused) {
      const { platform, senderId: userId } = ctx.message;
      if (!ctx.message.text) this.options.logger.warn({ platform, userId, command: def.names.at(-1) }, 'approval card clicked by a non-admin; nothing changes');
      return [...replies, refused].join('\n\n');
    }
    const confirmed = session.confirmed ?? [];
    const ask = async (state: QuestionState, text: string) => {
      await this.conversations.ask(ctx.tx, asker(ctx.message), def.names[0], { rest, confirmed, ...state }, ctx.now);
      replies.push(text);
    };
    ctx.ask = (key, prompt, state) => ask({ raw: state, asking: key, prompt }, t('bot.question', { prompt }));
    ctx.confirm = (kind, prompt) => ask({ raw, asking: CONFIRM, prompt, confirmed: [...confirmed, kind] }, t('bot.confirm', { prompt }));
    ctx.confirmed = (kind) => confirmed.includes(kind);
    const filled = fillFields(def, raw, ctx);
    if ('missing' in filled) {
      const field = def.fields![filled.missing];
      const others = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== filled.missing));
      const prompt = field.prompt || t('bot.sendFieldAgain', { label: field.label });
      const again = session.answering === filled.missing && filled.problem !== undefined;
      if (again && (session.tries ?? 0) >= 1) {
        replies.push(t('bot.questionGivenUp', { problem: filled.problem!, command: def.names[0], example: def.examples[0] ?? def.usage }));
      } else {
        const text = filled.problem ? `${t('bot.fieldWrong', { problem: filled.problem })}\n${prompt}` : prompt;
        const typed = raw[filled.missing] || undefined;
        await ask({ raw: others, asking: filled.missing, prompt, typed, tries: again ? (session.tries ?? 0) + 1 : 0 }, t('bot.question', { prompt: text }));
      }
    } else {
      await def.run(ctx, filled.values, rest);
    }
    return replies.join('\n\n').trim() || t('bot.ok');
  }

  /** Notices go out only after the commit; a failure is logged and never undoes the change. */
  private async publish(notices: Notice[], now: Date, msg: IncomingMessage): Promise<void> {
    try {
      await this.options.publish?.(notices, now);
    } catch (err) {
      this.options.logger.error({ err, platform: msg.platform, messageId: msg.messageId }, 'notices failed');
    }
  }
}
