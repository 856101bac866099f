/** Which database a URL names. SQLite is the zero-configuration default. */
export type Provider = 'sqlite' | 'postgresql';

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/** `file:./data/bot.db` or a bare path → the file path better-sqlite3 opens. */
export function sqliteFile(url: string): string {
  return url.replace(/^file:/, '');
}
