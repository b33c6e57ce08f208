import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';

export interface BenchApp {
  app: INestApplication;
  baseUrl: string;
  adminKey: string;
  /** JSON and the admin key: what every bench request sends. */
  headers: Record<string, string>;
  /** Closes the app and removes its data directory (a server database is the bench's to drop). */
  close(): Promise<void>;
}

/**
 * The whole app for a bench, listening on 127.0.0.1: its own data directory and admin key, silent
 * logs, and `env` on top (limits, DATABASE_URL, MODE). `imports` mounts the bench's probes.
 */
export async function startBenchApp(env: Record<string, string>, imports: unknown[]): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebook-bench-'));
  const adminKey = `tb_benchadmin_${randomBytes(18).toString('base64url')}`;
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: adminKey,
    ...env,
  });
  const { app } = await createApp({
    config,
    logger: pino({ level: 'silent' }),
    extraImports: imports as never,
  });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    baseUrl: await app.getUrl(),
    adminKey,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
