import type { QueryResultRow } from 'pg';

/** The part of pg's Pool / PoolClient the store needs: one parameterised query. */
export interface SqlClient {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** A pool that can also lend a dedicated client, for transactions. */
export interface SqlPool extends SqlClient {
  connect(): Promise<SqlClient & { release(err?: Error | boolean): void }>;
}

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as PgError).code : undefined;
}

export function pgErrorConstraint(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as PgError).constraint : undefined;
}

export function pgErrorDetail(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as PgError).detail : undefined;
}

export interface TransactionOptions {
  /**
   * False for rows derived from durable facts (a projection batch and its checkpoint): the commit
   * does not wait for the WAL flush. A crash may then lose the last such commits, never part of one,
   * and the subscription replays them from its checkpoint, which is lost with them.
   */
  waitForFlush?: boolean;
}

/** Both in one round trip (a simple query may hold several statements). */
const BEGIN_WITHOUT_FLUSH_WAIT = 'BEGIN; SET LOCAL synchronous_commit TO off';

/** Runs fn in one transaction on one client: committed when fn resolves, rolled back when it throws. */
export async function inTransaction<T>(
  pool: SqlPool,
  fn: (client: SqlClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.waitForFlush === false ? BEGIN_WITHOUT_FLUSH_WAIT : 'BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    const broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    client.release(broken ? (err as Error) : undefined); // a broken connection leaves the pool
    throw err;
  }
}

type PooledClient = SqlClient & {
  release(err?: Error | boolean): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
};

interface PgPoolLike {
  connect(): Promise<PooledClient>;
}

const guarded = new WeakSet<object>();

/**
 * pg's Pool.query() destroys the connection after any failed query, even a plain constraint or
 * expected-version error; under contention that means a reconnect per conflict (and on the embedded
 * socket a dropped connection). Here server-side errors (those with a SQLSTATE) keep the connection.
 */
export class ReusingPool implements SqlPool {
  constructor(private readonly pool: PgPoolLike) {}

  async query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[] }> {
    const client = await this.connect();
    try {
      const result = await client.query<R>(text, values);
      client.release();
      return result;
    } catch (err) {
      client.release(pgErrorCode(err) === undefined ? (err as Error) : undefined);
      throw err;
    }
  }

  /**
   * A checked-out client whose connection dies emits 'error'; unheard, that crashes the process.
   * The query in flight fails anyway, so the event itself needs no handling beyond being heard.
   */
  async connect(): Promise<SqlClient & { release(err?: Error | boolean): void }> {
    const client = await this.pool.connect();
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', () => undefined);
    }
    return client;
  }
}
