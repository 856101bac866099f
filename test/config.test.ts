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
    [{ WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: 'short' }, 'WECOM_BOT_AES_KEY'],
    [{ WECOM_BOT_TOKEN: 't' }, 'WECOM_BOT_AES_KEY missing'],
    [{ WECOM_CORP_ID: 'ww1', WECOM_APP_SECRET: 's' }, 'WECOM_APP_TOKEN, WECOM_APP_AES_KEY, WECOM_AGENT_ID missing'],
    [{ WECOM_API_BASE: 'qyapi.weixin.qq.com' }, 'WECOM_API_BASE'],
    [{ WECOM_AGENT_ID: 'abc' }, 'WECOM_AGENT_ID'],
    [{ DINGTALK_CLIENT_ID: 'ding1' }, 'DINGTALK_CLIENT_SECRET missing'],
    [{ DINGTALK_MODE: 'webhook' }, 'DINGTALK_MODE'],
    [{ DINGTALK_OAPI_BASE: 'ftp://x' }, 'DINGTALK_OAPI_BASE'],
  ])('a bad value stops the start naming the variable: %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('turns a WeCom part on only with all its variables; empty values count as unset', () => {
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const c = loadConfig({ WECOM_BOT_TOKEN: 'tok', WECOM_BOT_AES_KEY: key, WECOM_CORP_ID: '', WECOM_API_BASE: 'http://127.0.0.1:9/' });
    expect(c.WECOM_BOT_AES_KEY).toBe(key);
    expect(c.WECOM_CORP_ID).toBeUndefined();
    expect(c.WECOM_API_BASE).toBe('http://127.0.0.1:9');
    expect(loadConfig({}).WECOM_API_BASE).toBe('https://qyapi.weixin.qq.com');
    expect(loadConfig({}).WECOM_REPLY_WAIT_MS).toBe(2500);
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
