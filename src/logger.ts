import pino, { type Logger } from 'pino';

/** JSON logs; secrets are redacted wherever a platform module logs its settings or requests. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.secret', '*.token', '*.aesKey', '*.password', '*.access_token', '*.webhook', 'config.*'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
