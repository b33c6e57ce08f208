import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createServerDatabase, dropServerDatabase } from './test-databases';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningApp {
  app: INestApplication;
  openApi: OpenAPIObject;
  baseUrl: string;
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * The whole app on a random port: a fresh database on the real server when DATABASE_URL is set,
 * else a fresh embedded one. Extra modules (probes) can be mounted.
 */
export async function startApp(options: { env?: Record<string, string>; imports?: unknown[] } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebook-e2e-'));
  const databaseUrl = process.env.DATABASE_URL ? await createServerDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SUBSCRIPTION_POLL_MS: '50',
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    ...options.env,
  });
  const logger = pino({ level: 'silent' });
  const { app, openApi } = await createApp({ config, logger, extraImports: options.imports as never });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    openApi,
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    close: async () => {
      await app.close();
      if (databaseUrl !== undefined) await dropServerDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
