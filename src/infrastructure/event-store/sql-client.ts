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
}

export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as PgError).code : undefined;
}

export function pgErrorDetail(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as PgError).detail : undefined;
}

/** Runs fn in one transaction on one client: committed when fn resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: SqlPool, fn: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

interface PgPoolLike {
  connect(): Promise<SqlClient & { release(err?: Error | boolean): void }>;
}

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
    const client = await this.pool.connect();
    try {
      const result = await client.query<R>(text, values);
      client.release();
      return result;
    } catch (err) {
      client.release(pgErrorCode(err) === undefined ? (err as Error) : undefined);
      throw err;
    }
  }

  connect(): Promise<SqlClient & { release(err?: Error | boolean): void }> {
    return this.pool.connect();
  }
}
