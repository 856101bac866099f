/**
 * A picture that goes with a chat reply where the platform sends it beside the text, not in it
 * (the WeCom smart bot's final stream frame, `msg_item`). A reply is one string, stored as it is
 * for redeliveries and for other instances, so the picture rides at its end as an HTML comment
 * holding the PNG in base64; the platform adapter takes it off (`takePicture`) before the text
 * goes out, and sends the picture where it can. Where a comment slipped through, markdown shows
 * nothing of it.
 */
import { md5Hex } from './pictures.js';

const MARKER = /\n*<!--picture:([A-Za-z0-9+/=]+)-->\s*$/;

/** The reply text with `png` riding at its end. */
export function withPicture(text: string, png: Buffer): string {
  return `${text}\n<!--picture:${png.toString('base64')}-->`;
}

/** A reply's text without its picture, and the picture (base64 and md5 of its bytes) when it has one. */
export function takePicture(reply: string): { text: string; picture?: { base64: string; md5: string } } {
  const m = MARKER.exec(reply);
  if (!m) return { text: reply };
  const base64 = m[1];
  return { text: reply.slice(0, m.index), picture: { base64, md5: md5Hex(Buffer.from(base64, 'base64')) } };
}
