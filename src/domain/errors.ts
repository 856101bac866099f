import { t, type TextKey, type TextParams } from '../texts.js';

/**
 * A problem with what the user asked for, by text key: its message is the table's polite Chinese
 * and goes to the chat as it is. Anything else thrown is a bug, logged and answered with a
 * generic apology.
 *
 *     throw new UserError('hosting.monthFull', { month, capacity });
 */
export class UserError<K extends TextKey = TextKey> extends Error {
  readonly key: K;
  readonly params: TextParams<K>;

  constructor(key: K, ...params: TextParams<K>) {
    super(t(key, ...params));
    this.name = 'UserError';
    this.key = key;
    this.params = params;
  }
}
