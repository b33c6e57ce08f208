import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../src/infrastructure/event-store/sql-client';
import type { ProjectionHandler } from '../../src/infrastructure/event-store/subscription.types';

/**
 * A deliberately non-idempotent read model: it adds each event's n to a running total, so an event
 * applied twice (or lost) shows in the total. One row per event records what was applied.
 */
export class TotalsProjection implements ProjectionHandler {
  readonly eventTypes = ['Counted'];
  /** Called inside the transaction after the rows are written: a test hook to crash there. */
  beforeCommit: (tx: SqlClient, events: readonly StoredEvent[]) => Promise<void> = () => Promise.resolve();

  constructor(readonly name = 'test-totals') {}

  static async createTables(sql: SqlClient): Promise<void> {
    await sql.query('CREATE TABLE IF NOT EXISTS test_applied (event_id uuid PRIMARY KEY, n int NOT NULL)');
    await sql.query(
      'CREATE TABLE IF NOT EXISTS test_totals (id int PRIMARY KEY, total bigint NOT NULL, events int NOT NULL)',
    );
  }

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    for (const event of events) {
      const n = (event.data as { n: number }).n;
      await tx.query('INSERT INTO test_applied (event_id, n) VALUES ($1, $2)', [event.eventId, n]);
      await tx.query(
        `INSERT INTO test_totals (id, total, events) VALUES (1, $1, 1)
         ON CONFLICT (id) DO UPDATE SET total = test_totals.total + $1, events = test_totals.events + 1`,
        [n],
      );
    }
    await this.beforeCommit(tx, events);
  }

  async reset(tx: SqlClient): Promise<void> {
    await tx.query('DELETE FROM test_applied');
    await tx.query('DELETE FROM test_totals');
  }

  static async read(sql: SqlClient): Promise<{ total: number; events: number; applied: number }> {
    const { rows } = await sql.query<{ total: string | null; events: number | null; applied: number }>(
      `SELECT (SELECT total::text FROM test_totals WHERE id = 1) AS total,
              (SELECT events FROM test_totals WHERE id = 1) AS events,
              (SELECT count(*)::int FROM test_applied) AS applied`,
    );
    const row = rows[0];
    return { total: Number(row?.total ?? 0), events: row?.events ?? 0, applied: row?.applied ?? 0 };
  }
}
