import type { CommandDef } from './command.js';
import { t } from '../texts.js';
import { distance } from './text.js';

/** Finds the command a line starts with, and the nearest command name for a word that is none. */
export class CommandIndex {
  private readonly byName: Array<{ name: string; def: CommandDef }>;

  constructor(readonly commands: readonly CommandDef[]) {
    this.byName = commands
      .flatMap((def) => def.names.map((name) => ({ name: name.toLowerCase(), def })))
      .sort((a, b) => b.name.length - a.name.length);
  }

  /**
   * The command a line starts with: the longest name that fits; English names need a word break,
   * and with `strict` every name does (while a question is open, an answer such as 「我的读书群」
   * must not be taken for 「我的」).
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

  /** By its English alias (`approve`), for actions that stand for a command. */
  byAlias(alias: string): CommandDef | undefined {
    return this.commands.find((c) => c.names.includes(alias));
  }

  /** The reply to a line that starts with no command: what was typed, and the nearest command when there is one. */
  unknown(line: string, allowed: readonly CommandDef[]): string {
    const word = line.split(/\s/)[0].slice(0, 20);
    const near = this.nearest(word, allowed);
    return t('bot.unknownCommand', { word, suggestion: near ? t('bot.didYouMean', { command: near }) : '' });
  }

  /** The main name of the command nearest to `word` among `allowed`, when it is near enough. */
  nearest(word: string, allowed: readonly CommandDef[]): string | undefined {
    let best: { name: string; d: number } | undefined;
    for (const c of allowed) {
      for (const name of c.names) {
        const d = distance(word.toLowerCase(), name.toLowerCase().slice(0, Math.max(word.length, name.length)));
        if (!best || d < best.d) best = { name: c.names[0], d };
      }
    }
    return best && best.d <= Math.max(1, Math.floor(word.length / 2)) ? best.name : undefined;
  }
}
