import { describe, expect, it } from 'vitest';
import { open, Rejected, seal, signatureMatches } from '../../../src/platforms/wecom/crypto.js';
import { decrypt, getSignature } from '@wecom/crypto';

/**
 * The published test vectors of WeCom's official callback samples: sbzhu/weworkapi_php
 * callback/Sample.php (the same values are in workweixin/weworkapi_golang json_callback/sample.go).
 */
const OFFICIAL = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
};
const VERIFY_URL = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const MESSAGE = {
  msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};
const at = (ts: string) => new Date(Number(ts) * 1000 + 5000);

describe('WeCom callback crypto against the official samples', () => {
  it('getSignature and decrypt reproduce the published URL-verification vector', () => {
    expect(getSignature(OFFICIAL.token, VERIFY_URL.timestamp, VERIFY_URL.nonce, VERIFY_URL.echostr)).toBe(VERIFY_URL.msg_signature);
    expect(open(OFFICIAL, VERIFY_URL, VERIFY_URL.echostr, at(VERIFY_URL.timestamp))).toBe('1616140317555161061');
  });

  it('opens the published encrypted message to its XML', () => {
    const xml = open(OFFICIAL, MESSAGE, MESSAGE.encrypt, at(MESSAGE.timestamp));
    expect(xml).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>');
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('refuses, with a reason, what is not from WeCom', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return [(err as Rejected).status, (err as Rejected).reason];
      }
      return undefined;
    };
    const now = at(MESSAGE.timestamp);
    expect(reason(() => open(OFFICIAL, { ...MESSAGE, msg_signature: '0'.repeat(40) }, MESSAGE.encrypt, now))).toEqual([401, 'bad signature']);
    expect(reason(() => open(OFFICIAL, { ...MESSAGE, msg_signature: undefined }, MESSAGE.encrypt, now))).toEqual([401, 'bad signature']);
    expect(reason(() => open({ ...OFFICIAL, token: 'other' }, MESSAGE, MESSAGE.encrypt, now))).toEqual([401, 'bad signature']);
    expect(reason(() => open(OFFICIAL, MESSAGE, MESSAGE.encrypt, new Date()))).toEqual([401, 'timestamp outside the window']);
    // Signed correctly but encrypted for another corp: the receive id gives it away.
    expect(reason(() => open({ ...OFFICIAL, receiveId: 'wwother' }, MESSAGE, MESSAGE.encrypt, now))).toEqual([401, 'receive id does not match']);
    // A ciphertext that cannot be decrypted, with a valid signature over it.
    const bad = 'abcd';
    const q = { timestamp: MESSAGE.timestamp, nonce: MESSAGE.nonce, msg_signature: getSignature(OFFICIAL.token, MESSAGE.timestamp, MESSAGE.nonce, bad) };
    expect(reason(() => open(OFFICIAL, q, bad, now))).toEqual([400, 'does not decrypt']);
    expect(reason(() => open(OFFICIAL, MESSAGE, undefined, now))).toEqual([400, 'no ciphertext']);
  });

  it('signature comparison accepts upper case hex and rejects other lengths', () => {
    expect(signatureMatches(OFFICIAL.token, { ...MESSAGE, msg_signature: MESSAGE.msg_signature.toUpperCase() }, MESSAGE.encrypt)).toBe(true);
    expect(signatureMatches(OFFICIAL.token, { ...MESSAGE, msg_signature: MESSAGE.msg_signature.slice(1) }, MESSAGE.encrypt)).toBe(false);
  });

  it('a sealed reply is signed over its own ciphertext and opens with the receive id', () => {
    const now = new Date('2020-06-10T02:00:00Z');
    const r = seal(OFFICIAL, '你好，回复', '123456', now);
    expect(r.nonce).toBe('123456');
    expect(r.timestamp).toBe(String(now.getTime() / 1000));
    expect(getSignature(OFFICIAL.token, r.timestamp, r.nonce, r.encrypt)).toBe(r.msgsignature);
    expect(decrypt(OFFICIAL.aesKey, r.encrypt)).toMatchObject({ message: '你好，回复', id: OFFICIAL.receiveId });
    // Two replies of the same text differ: a fresh random prefix each time.
    expect(seal(OFFICIAL, '你好，回复', '123456', now).encrypt).not.toBe(r.encrypt);
  });
});
