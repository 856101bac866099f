/**
 * Platforms count message limits in UTF-8 bytes (a Chinese character is 3). These split and cut
 * text so that no piece is over the limit and no character is broken.
 */

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest prefix of `s` of at most `max` bytes, whole characters only. */
export function truncateBytes(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}

/** At most `max` characters, with an ellipsis when cut. */
export function truncateChars(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Splits text into pieces of at most `max` bytes, breaking between lines; a single line longer
 * than that is cut between characters.
 */
export function splitBytes(text: string, max: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) pieces.push(cur);
    cur = '';
  };
  for (let line of text.split('\n')) {
    const joined = cur ? `${cur}\n${line}` : line;
    if (byteLength(joined) <= max) {
      cur = joined;
      continue;
    }
    flush();
    while (byteLength(line) > max) {
      const head = truncateBytes(line, max);
      pieces.push(head);
      line = line.slice(head.length);
    }
    cur = line;
  }
  flush();
  return pieces.length ? pieces : [''];
}
