import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { createRootLogger } from './infrastructure/observability/logger';
import { installShutdownSignals } from './shutdown';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // One clear message and exit code 1; the logger is not configured yet, so plain stderr.
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createRootLogger(config.logLevel);
  try {
    const { app } = await createApp({ config, logger });
    await app.listen(config.port, '0.0.0.0');
    installShutdownSignals(app, config.shutdownTimeoutMs, logger);
    logger.info(
      { port: config.port, mode: config.mode, embeddedDatabase: config.databaseUrl === undefined },
      'tradebook started',
    );
  } catch (err) {
    logger.fatal({ err }, 'tradebook failed to start');
    process.exit(1);
  }
}

void main();
