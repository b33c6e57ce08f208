import pino, { type Logger } from 'pino';
import type { LogLevel } from '../../config';

/** The root JSON logger; Nest, pino-http and the infrastructure all log through children of it. */
export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'tradebook' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets never reach a log, whatever an object happens to carry.
    redact: {
      paths: ['req.headers["x-api-key"]', 'req.headers.authorization', '*.apiKey', '*.secret', '*.password'],
      censor: '[redacted]',
    },
  });
}
