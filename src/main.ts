import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createRootLogger } from './infrastructure/observability/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // One clear message and exit code 1: the logger is not configured yet, so stderr it is.
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const logger = createRootLogger(config.logLevel);
  try {
    const { app } = await createApp({ config, logger });
    await app.listen(config.port, '0.0.0.0');
    logger.info(
      { port: config.port, mode: config.mode, embeddedDatabase: config.databaseUrl === undefined },
      'tradebook started',
    );
    const server = app.getHttpServer() as Server;
    // Stop accepting and let requests in flight finish first; then subscriptions checkpoint and
    // the database closes (Nest's own close would close the database before the HTTP server).
    const close = async (): Promise<void> => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    };
    installShutdown(close, config.shutdownTimeoutMs, logger);
  } catch (err) {
    logger.fatal({ err }, 'tradebook failed to start');
    process.exit(1);
  }
}

/** SIGTERM/SIGINT: stop accepting, let requests finish, checkpoint subscriptions, close connections. */
function installShutdown(
  close: () => Promise<void>,
  timeoutMs: number,
  logger: ReturnType<typeof createRootLogger>,
): void {
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
