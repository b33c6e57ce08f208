import { Client, type Pool } from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { MIGRATION_LOCK_CLASS } from './advisory-locks';
import { ReusingPool, type SqlPool } from '../event-store/sql-client';
import type { Log } from '../observability/log';
import { EmbeddedPostgres } from './embedded-postgres';

export interface DatabaseOptions {
  /** A real server; undefined starts the embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  entities?: MixedList<Function | string | EntitySchema>;
  log: Log;
}

/**
 * The one connection pool of the process, shared by TypeORM (read models, migrations) and the event
 * store (raw SQL on the same pg Pool), over a real server or the embedded default.
 */
export class Database {
  private reusingPool: SqlPool | null = null;

  private constructor(
    readonly dataSource: DataSource,
    readonly url: string,
    readonly embedded: EmbeddedPostgres | null,
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const embedded = options.databaseUrl === undefined ? await EmbeddedPostgres.start(options.dataDir) : null;
    const url = options.databaseUrl ?? embedded?.url ?? '';
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      poolSize: options.poolSize,
      entities: options.entities ?? [],
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      logging: false,
      applicationName: 'tradebook',
      connectTimeoutMS: 10_000,
      extra: { keepAlive: true, keepAliveInitialDelayMillis: 10_000 },
    });
    try {
      await dataSource.initialize();
      await runMigrations(dataSource, url, embedded === null, options.log);
    } catch (err) {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      throw err;
    }
    // A connection that dies while idle (server restart, terminated backend) must not crash the
    // process: the pool drops it and the next query opens a new one.
    (dataSource.driver as unknown as { master: Pool }).master.on('error', (err) =>
      options.log.warn({ err }, 'idle database connection lost'),
    );
    options.log.info({ embedded: embedded !== null, poolSize: options.poolSize }, 'database ready');
    return new Database(dataSource, url, embedded);
  }

  /** The pg Pool behind TypeORM, for the event store's single-round-trip queries. */
  get pool(): SqlPool {
    this.reusingPool ??= new ReusingPool((this.dataSource.driver as unknown as { master: Pool }).master);
    return this.reusingPool;
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

/** Several instances may start at once against one server: one migrates, the others wait. */
async function runMigrations(dataSource: DataSource, url: string, shared: boolean, log: Log): Promise<void> {
  if (!shared) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockClient = new Client({ connectionString: url, application_name: 'tradebook-migrations' });
  await lockClient.connect();
  try {
    await lockClient.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_CLASS}, 0)`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    await lockClient.end();
  }
}
