import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults to SQLite under ./data, port 3000 and the notice campaign', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('file:./data/bot.db');
    expect(c.PORT).toBe(3000);
    expect(c.CAMPAIGN_NAME).toBe('湘阅读·工力量');
    expect(c.SUPERADMINS).toEqual([]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CAMPAIGN_START: '2020-13-01' }, 'CAMPAIGN_START'],
    [{ CAMPAIGN_RANKING_START: '下周' }, 'CAMPAIGN_RANKING_START'],
    [{ SUPERADMINS: 'zhangsan' }, 'SUPERADMINS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CAMPAIGN_START: '2020-06-01', CAMPAIGN_END: '2020-05-01' }, 'CAMPAIGN_END'],
  ])('a bad value stops the start naming the variable: %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads campaign dates in Asia/Shanghai and superadmins as platform:user', () => {
    const c = loadConfig({ CAMPAIGN_START: '2020-05-01', SUPERADMINS: 'wecom:zhangsan, console:省总王处' });
    expect(c.CAMPAIGN_START?.toISOString()).toBe('2020-04-30T16:00:00.000Z');
    expect(c.SUPERADMINS).toEqual([
      { platform: 'wecom', userId: 'zhangsan' },
      { platform: 'console', userId: '省总王处' },
    ]);
  });
});
