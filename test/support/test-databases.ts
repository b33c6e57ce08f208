import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Database } from '../../src/infrastructure/database/database';
import { silentLog } from '../../src/infrastructure/observability/log';

export type DatabaseTarget = 'postgres' | 'embedded';

/** Integration suites run against a real server (when DATABASE_URL is set) and the embedded default. */
export function databaseTargets(): DatabaseTarget[] {
  return process.env.DATABASE_URL ? ['postgres', 'embedded'] : ['embedded'];
}

export interface TestDatabase {
  database: Database;
  /** The URL the app would use: a fresh database on the server, or the embedded one's socket. */
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database per suite: a new database on the server, or a new embedded data dir. */
export async function openTestDatabase(target: DatabaseTarget, poolSize = 20): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebook-test-'));
  if (target === 'embedded') {
    const database = await Database.open({ databaseUrl: undefined, dataDir, poolSize: 1, log: silentLog });
    return {
      database,
      url: undefined,
      dataDir,
      drop: async () => {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = await createServerDatabase();
  const database = await Database.open({ databaseUrl: url, dataDir, poolSize, log: silentLog });
  return {
    database,
    url,
    dataDir,
    drop: async () => {
      await database.close();
      await dropServerDatabase(url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createServerDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (base === undefined) throw new Error('DATABASE_URL is not set');
  const name = `tradebook_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(base, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const base = process.env.DATABASE_URL ?? url;
  await withAdmin(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withAdmin(url: string, fn: (c: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
