import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useWeComServer } from '../helpers/wecom.js';

/** 27 characters, as ADMIN_TOKEN might be. */
const TOKEN = 'tok-0123456789abcdefghijklm';

describe.each(KINDS)('GET /admin/export with a bearer token on %s', (kind) => {
  const s = useWeComServer(kind, { ADMIN_TOKEN: TOKEN, PUBLIC_BASE_URL: 'https://bot.example.org' });
  const get = (base: string, bearer: string) => fetch(`${base}/admin/export?table=1&format=csv`, { headers: { authorization: `Bearer ${bearer}` } });

  it('a token of non-ASCII bytes is refused with a 401, whatever its length: neither an error nor a hint of the real length', async () => {
    const { base, logs } = s();
    expect(TOKEN.length).toBe(27);
    // 27 bytes 0xE9: 27 characters once read, as many as ADMIN_TOKEN has, but 54 bytes in UTF-8.
    const statuses = new Set<number>();
    for (let n = 1; n <= 40; n++) statuses.add((await get(base, 'é'.repeat(n))).status);
    expect([...statuses]).toEqual([401]);
    expect(logs.some((l) => l.includes('request failed'))).toBe(false);
    // Same length, ASCII, wrong: 401 too; the right one works.
    expect((await get(base, TOKEN.replace('tok', 'tik'))).status).toBe(401);
    const ok = await get(base, TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/csv');
  });
});
