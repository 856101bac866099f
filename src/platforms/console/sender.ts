import { UserError } from '../../domain/errors.js';
import type { PlatformSender, PushTarget } from '../../bot/sender.js';

/**
 * The console's sender: what the bot pushes to a console group is printed as `push @<群名>> …`
 * lines. It exists only in `npm run chat`, so a server sharing the database leaves console
 * messages in the outbox for the console to print.
 */
export class ConsoleSender implements PlatformSender {
  readonly platform = 'console';
  readonly reachesChats = true;

  constructor(private readonly print: (line: string) => void) {}

  parsePushAddress(): PushTarget {
    throw new UserError('console.noPushAddress');
  }

  maskPushAddress(): string {
    return '';
  }

  async pushMarkdown(_target: PushTarget, markdown: string): Promise<void> {
    this.print(markdown);
  }

  async sendToChat(chatId: string, markdown: string): Promise<void> {
    for (const line of markdown.split('\n')) this.print(`push @${chatId}> ${line}`);
  }
}
