import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk's robot signature: Base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)),
 * with the timestamp in milliseconds. The same scheme signs the outgoing (HTTP mode) robot's
 * callbacks (key = the app secret) and our custom-robot pushes (key = the robot's 加签 secret);
 * official pages 企业内部应用机器人 › 接收消息 and 自定义机器人安全设置 › 加签.
 */
export function robotSign(secret: string, timestamp: string | number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** A callback's timestamp may be this far from our clock (DingTalk: one hour). */
export const SIGN_WINDOW_MS = 60 * 60 * 1000;

/** Why a signed callback is refused, or undefined when it is good. */
export function signRefusal(secret: string, timestamp: string | undefined, sign: string | undefined, now: Date): string | undefined {
  if (!timestamp || !sign) return 'missing timestamp or sign';
  if (!/^\d{10,16}$/.test(timestamp)) return 'bad timestamp';
  if (Math.abs(now.getTime() - Number(timestamp)) > SIGN_WINDOW_MS) return 'timestamp outside the window';
  const expected = Buffer.from(robotSign(secret, timestamp));
  const given = Buffer.from(sign);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad signature';
  return undefined;
}
