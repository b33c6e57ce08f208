import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
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
  /** The admin key the app was started with (ADMIN_API_KEY). */
  adminKey: string;
  /** supertest against the app, sending `key` (default: the admin key) as X-API-Key; null sends none. */
  as(key?: string | null): AuthedAgent;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthedAgent = Record<Method, (path: string) => request.Test>;

/** A request agent that sends one API key on every request. */
export function agentFor(baseUrl: string, key: string | null): AuthedAgent {
  const send = (method: Method) => (path: string) => {
    const test = request(baseUrl)[method](path);
    return key === null ? test : test.set('X-API-Key', key);
  };
  return { get: send('get'), post: send('post'), put: send('put'), patch: send('patch'), delete: send('delete') };
}

/**
 * The whole app on a random port: a fresh database on the real server when DATABASE_URL is set,
 * else a fresh embedded one. Extra modules (probes) can be mounted.
 */
export async function startApp(
  options: { env?: Record<string, string>; imports?: unknown[]; sharedDatabaseUrl?: string } = {},
): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebook-e2e-'));
  const shared = options.sharedDatabaseUrl !== undefined;
  const databaseUrl = options.sharedDatabaseUrl ?? (process.env.DATABASE_URL ? await createServerDatabase() : undefined);
  const adminKey = options.env?.ADMIN_API_KEY ?? `tb_testadmin_${randomBytes(18).toString('base64url')}`;
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SUBSCRIPTION_POLL_MS: '50',
    ADMIN_API_KEY: adminKey,
    // Suites drive many requests from one IP and key; the rate-limit suite sets its own limits.
    RATE_LIMIT_PER_MIN: '1000000',
    WEBHOOK_POLL_MS: '50',
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    ...options.env,
  });
  const logger = pino({ level: 'silent' });
  const { app, openApi } = await createApp({ config, logger, extraImports: options.imports as never });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  return {
    app,
    openApi,
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    adminKey,
    as: (key?: string | null) => agentFor(`http://127.0.0.1:${port}`, key === undefined ? adminKey : key),
    close: async () => {
      await app.close();
      if (databaseUrl !== undefined && !shared) await dropServerDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
