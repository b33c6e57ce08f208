import { Inject, Injectable } from '@nestjs/common';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../../infrastructure/event-store/event-row';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { StoredEvent } from '../../infrastructure/event-store/event-store.types';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';
import { UpcasterRegistry } from '../../infrastructure/event-store/upcasters';

export interface EventFilter {
  stream?: string;
  type?: string;
  actor?: string;
  correlationId?: string;
  from?: Date;
  to?: Date;
  /** A position from a previous page: events after it in $all order. */
  after?: bigint;
  limit: number;
}

/**
 * Reads of the event store for auditors. Pages follow $all's commit-safe order (transaction id, then
 * position, behind the xid fence), so a cursor never skips an event that commits later.
 */
@Injectable()
export class AuditEventsRepository {
  constructor(
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    private readonly upcasters: UpcasterRegistry,
  ) {}

  async list(filter: EventFilter): Promise<StoredEvent[]> {
    const values: unknown[] = [(filter.after ?? 0n).toString()];
    const where = [
      '(transaction_id, global_position) > (cursor.xid, $1::bigint)',
      'transaction_id < pg_snapshot_xmin(pg_current_snapshot())',
    ];
    const add = (condition: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(condition(`$${values.length}`));
    };
    if (filter.stream !== undefined) add((p) => `stream_id = ${p}`, filter.stream);
    if (filter.type !== undefined) add((p) => `event_type = ${p}`, filter.type);
    if (filter.actor !== undefined) add((p) => `metadata->>'actor' = ${p}`, filter.actor);
    if (filter.correlationId !== undefined)
      add((p) => `metadata->>'correlationId' = ${p}`, filter.correlationId);
    if (filter.from !== undefined) add((p) => `occurred_at >= ${p}`, filter.from);
    if (filter.to !== undefined) add((p) => `occurred_at < ${p}`, filter.to);
    values.push(filter.limit);
    const { rows } = await this.pool.query<EventRow>(
      `WITH cursor AS (
         SELECT coalesce((SELECT transaction_id FROM events WHERE global_position = $1), '0'::xid8) AS xid
       )
       SELECT ${EVENT_COLUMNS} FROM events, cursor
       WHERE ${where.join(' AND ')}
       ORDER BY transaction_id, global_position
       LIMIT $${values.length}`,
      values,
    );
    return rows.map((r) => this.upcasters.upcast(toStoredEvent(r)));
  }

  /** A stream's events up to a version or a time (inclusive). */
  async streamUntil(streamId: string, until: { version?: bigint; at?: Date }): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1
         AND ($2::bigint IS NULL OR stream_version <= $2)
         AND ($3::timestamptz IS NULL OR occurred_at <= $3)
       ORDER BY stream_version`,
      [streamId, until.version?.toString() ?? null, until.at ?? null],
    );
    return rows.map((r) => this.upcasters.upcast(toStoredEvent(r)));
  }

  async byCorrelation(correlationId: string, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE metadata->>'correlationId' = $1
       ORDER BY transaction_id, global_position LIMIT $2`,
      [correlationId, limit],
    );
    return rows.map((r) => this.upcasters.upcast(toStoredEvent(r)));
  }
}
