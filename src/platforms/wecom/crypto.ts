import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/**
 * WeCom callback crypto, in the order that is safe: signature first (constant time), timestamp
 * window, then decryption, then the receive id. `@wecom/crypto` checks none of these itself: a
 * wrong key decrypts to garbage with `id === ""` (also the smart bot's receive id), so the
 * signature is what proves the sender knows our Token.
 *
 * Checked against the published vectors of WeCom's official samples (sbzhu/weworkapi_php
 * callback/Sample.php): see test/platforms/wecom/crypto.test.ts.
 */
export interface CallbackKeys {
  token: string;
  aesKey: string;
  /**
   * What the decrypted message's id must be: the CorpID for an application; "" for a smart bot
   * (official page 智能机器人 › 回调和回复的加解密方案: ReceiveId is an empty string for
   * 企业内部智能机器人).
   */
  receiveId: string;
}

export interface SignedQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
}

/**
 * How far a callback's timestamp may be from our clock. WeCom does not state a window; this one
 * stops replays of old captured requests and leaves room for clock drift and WeCom's retries.
 */
export const MAX_SKEW_SECONDS = 15 * 60;

/** Why a callback was refused: an HTTP status for WeCom and a reason for our log, never for the body. */
export class Rejected extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'Rejected';
  }
}

export function signatureMatches(token: string, q: SignedQuery, encrypted: string): boolean {
  if (!q.msg_signature || !q.timestamp || !q.nonce) return false;
  const expected = Buffer.from(getSignature(token, q.timestamp, q.nonce, encrypted));
  const given = Buffer.from(q.msg_signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Verifies and decrypts one callback payload; throws Rejected with the reason. */
export function open(keys: CallbackKeys, q: SignedQuery, encrypted: string | undefined, now: Date): string {
  if (!encrypted) throw new Rejected(400, 'no ciphertext');
  if (!signatureMatches(keys.token, q, encrypted)) throw new Rejected(401, 'bad signature');
  const ts = Number(q.timestamp);
  if (!Number.isFinite(ts) || Math.abs(now.getTime() / 1000 - ts) > MAX_SKEW_SECONDS) {
    throw new Rejected(401, 'timestamp outside the window');
  }
  let plain: { message: string; id: string };
  try {
    plain = decrypt(keys.aesKey, encrypted);
  } catch {
    throw new Rejected(400, 'does not decrypt');
  }
  if (plain.id !== keys.receiveId) throw new Rejected(401, 'receive id does not match');
  return plain.message;
}

/** An encrypted passive reply: new ciphertext, a fresh timestamp, and a signature over both. */
export function seal(keys: CallbackKeys, plaintext: string, nonce: string, now: Date) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const encrypted = encrypt(keys.aesKey, plaintext, keys.receiveId, randomBytes(16));
  return { encrypt: encrypted, msgsignature: getSignature(keys.token, timestamp, nonce, encrypted), timestamp, nonce };
}

export function freshNonce(): string {
  return String(randomBytes(4).readUInt32BE());
}
