import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { IncomingMessage } from '../../src/bot/message.js';
import { createLogger } from '../../src/logger.js';
import { freshDb, type Kind, type TestDb } from './db.js';

/** A test clock: starts at `start` and can be moved. */
export class Clock {
  constructor(public now: Date) {}
  read = () => this.now;
  set(iso: string) {
    this.now = new Date(iso);
  }
}

export interface Bot {
  app: App;
  clock: Clock;
  /** Sends a message as `user` in `chat` and returns the reply. */
  say(user: string, chat: string, text: string, messageId?: string): Promise<string>;
  handle(msg: Partial<IncomingMessage> & { text: string }): Promise<string>;
}

export const CAMPAIGN_ENV = {
  CAMPAIGN_START: '2020-05-01',
  CAMPAIGN_END: '2020-12-31',
  CAMPAIGN_RANKING_START: '2020-06-08',
  SUPERADMINS: 'console:省总王处',
};

/**
 * Starts the real app (migrations, seed, campaign, dispatcher) on a fresh database of `kind`
 * for the enclosing describe block, with a clock the test controls.
 */
export function useBot(kind: Kind, start = '2020-06-10T10:00:00+08:00'): () => Bot {
  let bot: Bot | undefined;
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await freshDb(kind);
    const clock = new Clock(new Date(start));
    const config = loadConfig({ ...CAMPAIGN_ENV, DATABASE_URL: db.url });
    const app = await startApp(config, createLogger('silent'), clock.read);
    const handle = (msg: Partial<IncomingMessage> & { text: string }) =>
      app.dispatcher.handle({
        platform: 'console',
        chatId: '测试群',
        chatType: 'group',
        senderId: '张三',
        senderName: msg.senderId ?? '张三',
        messageId: randomUUID(),
        ...msg,
      });
    bot = {
      app,
      clock,
      handle,
      say: (user, chat, text, messageId) =>
        handle({ senderId: user, senderName: user, chatId: chat, chatTitle: chat, text, messageId: messageId ?? randomUUID() }),
    };
  });
  afterAll(async () => {
    await bot?.app.close();
    await db?.drop();
  });
  return () => {
    if (!bot) throw new Error('bot not started');
    return bot;
  };
}
