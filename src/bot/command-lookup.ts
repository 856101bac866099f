import { GLUED_FILLER, LEADING_FILLERS, t, TRAILING_FILLERS } from '../texts.js';
import type { CommandDef } from './command.js';
import { clip, distance, EVENT_DONE_SENTENCE, OUR_UNIT, simplified } from './text.js';
import { soundOf } from '../sound.js';

/** A command found in a line: which, by which word, and the words after it (as typed). */
export interface Found {
  def: CommandDef;
  /** The name, variant or phrase that was matched. */
  word: string;
  rest: string;
}

interface Entry {
  word: string;
  def: CommandDef;
}

/** What may follow a command word that is clearly meant as one: the end, a space, punctuation, a figure, a quote. */
const BREAK = /^($|[\s\d,，。.!！?？:：=;；、《「“"(（@#])/u;

/**
 * Finds the command a line means: its names, declared variants and phrasings, after polite
 * fillers (「麻烦帮我上报一下…」), traditional or simplified; and, for a line that names none, the
 * command a typo most likely meant (same sound, one character off, or its characters reordered).
 */
export class CommandIndex {
  private readonly entries: Entry[];
  private readonly fillers: string[];

  constructor(readonly commands: readonly CommandDef[]) {
    this.entries = commands
      .flatMap((def) => [...def.names, ...(def.variants ?? [])].map((word) => ({ word: simplified(word.toLowerCase()), def })))
      .sort((a, b) => b.word.length - a.word.length);
    this.fillers = [...LEADING_FILLERS].sort((a, b) => b.length - a.length);
  }

  /**
   * The command a line means. With `clearly` (a question is open), only a command word counts
   * (not a phrasing), followed by a break or, for most commands, glued to its words (「绑定长沙」),
   * so that an answer such as 「我的读书群」 is not taken for 「我的」.
   */
  find(line: string, clearly = false): Found | undefined {
    const simple = simplified(line).toLowerCase();
    let pos = 0;
    for (;;) {
      const hit = this.at(line, simple, pos, clearly);
      if (hit) return hit;
      const filler = this.fillers.find((f) => simple.startsWith(f, pos));
      if (!filler) return undefined;
      pos += filler.length;
      while (/[\s,，。!！~～:：]/u.test(simple.charAt(pos))) pos++;
      if (pos >= simple.length) return undefined;
    }
  }

  private at(line: string, simple: string, pos: number, clearly: boolean): Found | undefined {
    for (const { word, def } of this.entries) {
      if (!simple.startsWith(word, pos)) continue;
      const next = simple.slice(pos + word.length);
      if (/^[a-z?]/.test(word) && !/^($|[\s\d])/.test(next)) continue;
      if (clearly && !BREAK.test(next) && (def.glued === false || [...word].length < 2)) continue;
      // 「我的申抱」: a longer command word typed one character off is a typo of it, not 我的 + words.
      const typo = (longer: string) => {
        const typed = simple.slice(pos, pos + longer.length);
        return /^[\u4e00-\u9fff]+$/u.test(typed) && distance(typed, longer) === 1;
      };
      if (this.entries.some((e) => e.word.length >= word.length + 2 && e.word.startsWith(word) && typo(e.word))) return undefined;
      return { def, word, rest: restAfter(line.slice(pos + word.length)) };
    }
    if (clearly) return undefined;
    for (const def of this.commands) {
      for (const phrasing of def.phrasings ?? []) {
        const m = phrasing.exec(simple.slice(pos));
        if (!m || m.index !== 0 || !m[0]) continue;
        // A record number inside the phrase (「5号活动完成了」) leads the command's words.
        const rest = restAfter(line.slice(pos + m[0].length));
        return { def, word: m[0], rest: m.groups?.id ? `${m.groups.id} ${rest}`.trim() : rest };
      }
    }
    return undefined;
  }

  /** By its English alias (`approve`), for actions that stand for a command. */
  byAlias(alias: string): CommandDef | undefined {
    return this.commands.find((c) => c.names.includes(alias));
  }

  /**
   * The command a line that names none most likely meant, when a typo is the likely reason: the
   * start of the line sounds like a command word (上抱 → 上报, 榜定 → 绑定), has its characters in
   * another order, or is one character off and stands alone (排型 → 排行).
   */
  async guess(line: string, allowed: readonly CommandDef[]): Promise<Found | undefined> {
    const simple = simplified(line).toLowerCase();
    const sound = await soundOf();
    let best: (Found & { score: number }) | undefined;
    for (const { word, def } of this.entries) {
      if (!allowed.includes(def) || !/[\u4e00-\u9fff]/u.test(word)) continue;
      const length = [...word].length;
      if (length < 2) continue;
      const typed = [...simple].slice(0, length).join('');
      if (typed === word) continue;
      const next = simple.slice(typed.length);
      const sameSound = /^[\u4e00-\u9fff]+$/u.test(typed) && sound(typed) === sound(word);
      const reordered = [...typed].sort().join('') === [...word].sort().join('');
      const oneOff = distance(typed, word) === 1 && BREAK.test(next) && (length > 2 || typed.charAt(0) === word.charAt(0));
      const score = sameSound ? 3 : reordered ? 2 : oneOff ? 1 : 0;
      if (score && (!best || score > best.score || (score === best.score && length > [...best.word].length))) {
        best = { def, word, rest: restAfter(line.slice(typed.length)), score };
      }
    }
    return best && { def: best.def, word: best.word, rest: best.rest };
  }

  /** The reply to a line that starts with no command: what was typed, and the nearest command when there is one. */
  unknown(line: string, allowed: readonly CommandDef[]): string {
    // 「13号的沙龙办完了，实际参加52人」: which activity is not clear (13号 may be a date), so show the form.
    const done = allowed.find((def) => def.names.includes('done'));
    if (done && EVENT_DONE_SENTENCE.test(simplified(line))) {
      const n = /(\d+)\s*(?:人|名|位)/u.exec(line)?.[1];
      return t('bot.eventDoneHint', { command: done.names[0], n: n ?? '48' });
    }
    const word = clip(line.split(/\s/)[0]);
    const near = this.nearest(word, allowed);
    return t('bot.unknownCommand', { word, suggestion: near ? t('bot.didYouMean', { command: near }) : '' });
  }

  /** The main name of the command nearest to `word` among `allowed`, when it is near enough. */
  nearest(word: string, allowed: readonly CommandDef[]): string | undefined {
    const typed = simplified(word.toLowerCase());
    let best: { name: string; d: number } | undefined;
    for (const { word: name, def } of this.entries) {
      if (!allowed.includes(def)) continue;
      const d = distance(typed, name.slice(0, Math.max(typed.length, name.length)));
      if (!best || d < best.d) best = { name: def.names[0], d };
    }
    return best && best.d <= Math.max(1, Math.floor([...typed].length / 2)) ? best.name : undefined;
  }
}

/** Separators between a command word and what follows it. */
const LEADING_SEPARATORS = /^[\s:：=,，;；、]+/u;

/** The words after a command word, without separators and fillers such as 「一下」 in front. */
function restAfter(text: string): string {
  let s = text.replace(/^[。!！]+/u, '').replace(LEADING_SEPARATORS, '').replace(/^[。!！]+/u, '');
  const filler = TRAILING_FILLERS.find((word) => s.startsWith(word));
  if (filler) s = s.slice(filler.length).replace(LEADING_SEPARATORS, '');
  // 「上报下荐读35」: 下 for 一下, but not 下周 / 下个月 / 下午.
  if (GLUED_FILLER.test(text)) s = s.replace(GLUED_FILLER, '').replace(LEADING_SEPARATORS, '');
  // 「我们单位，长沙市总工会」: "our unit" before the unit it names.
  const ours = OUR_UNIT.exec(s);
  if (ours && s.length > ours[0].length) s = s.slice(ours[0].length);
  return s.replace(/^[。.!！?？~～…]+$/u, '').trim();
}
