import type { IncomingMessage } from 'node:http';

/** A fake's view of a request: its URL, and its JSON body (undefined when empty, `bad` when not JSON). */
export async function readRequest(req: IncomingMessage): Promise<{ url: URL; body: any; bad: boolean }> {
  const url = new URL(req.url!, 'http://x');
  let raw = '';
  for await (const chunk of req) raw += chunk;
  try {
    return { url, body: raw ? JSON.parse(raw) : undefined, bad: false };
  } catch {
    return { url, body: undefined, bad: true };
  }
}
