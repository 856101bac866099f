/**
 * A problem with what the user asked for. Its message is Chinese, polite, and goes to the chat
 * as it is; anything else thrown is a bug, logged and answered with a generic apology.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
