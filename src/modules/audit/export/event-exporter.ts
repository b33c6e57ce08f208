import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { SqlClient, SqlPool } from '../../../infrastructure/event-store/sql-client';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  from?: Date;
  to?: Date;
  /** Rows per keyset page: one page's text is the most the exporter holds at a time. */
  pageSize?: number;
}

export interface ExportStats {
  events: number;
  bytes: number;
  pages: number;
  /** The largest amount the exporter left buffered in the writable (backpressure at work). */
  maxBufferedBytes: number;
}

const UTC_TIME = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// Lines are built by PostgreSQL: no JSON parse and re-serialise per event in Node, and the stored
// data/metadata text goes out as it was hashed.
const JSONL_LINE = `json_build_object(
  'position', global_position::text, 'streamId', stream_id, 'streamVersion', stream_version::text,
  'eventId', event_id, 'type', event_type, 'schemaVersion', schema_version, 'occurredAt', ${UTC_TIME},
  'data', data, 'metadata', metadata)::text`;

const csv = (expr: string): string => `'"' || replace(coalesce(${expr}, ''), '"', '""') || '"'`;
export const CSV_HEADER =
  'position,stream_id,stream_version,event_id,event_type,schema_version,occurred_at,actor,correlation_id,causation_id,request_id,data,metadata';
const CSV_LINE = [
  'global_position::text',
  csv('stream_id'),
  'stream_version::text',
  'event_id::text',
  csv('event_type'),
  'schema_version::text',
  UTC_TIME,
  csv(`metadata->>'actor'`),
  csv(`metadata->>'correlationId'`),
  csv(`metadata->>'causationId'`),
  csv(`metadata->>'requestId'`),
  csv('data::text'),
  csv('metadata::text'),
].join(` || ',' || `);

/**
 * Streams the events of a time range as JSON lines or CSV, with bounded memory: keyset pages in
 * $all's commit-safe order (transaction id, position), each written before the next is read, and
 * a wait for 'drain' whenever the destination pushes back. The export is consistent: it stops at
 * the xid fence taken when it started.
 */
@Injectable()
export class EventExporter {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async export(out: Writable, options: ExportOptions): Promise<ExportStats> {
    const pageSize = options.pageSize ?? 5_000;
    const line = options.format === 'jsonl' ? JSONL_LINE : CSV_LINE;
    const stats: ExportStats = { events: 0, bytes: 0, pages: 0, maxBufferedBytes: 0 };
    const { rows: fenceRows } = await this.pool.query<{ fence: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS fence',
    );
    const fence = fenceRows[0]?.fence ?? '0';
    if (options.format === 'csv' && !(await this.write(out, `${CSV_HEADER}\n`, stats))) return stats;
    let cursor = { xid: '0', position: '0' };
    for (;;) {
      const rows = await this.page(this.pool, line, fence, cursor, options, pageSize);
      const last = rows[rows.length - 1];
      if (last === undefined) break;
      stats.pages += 1;
      stats.events += rows.length;
      let chunk = '';
      for (const r of rows) chunk += `${r.line}\n`;
      if (!(await this.write(out, chunk, stats))) break;
      cursor = { xid: last.xid, position: last.position };
      if (rows.length < pageSize) break;
    }
    return stats;
  }

  private async page(
    sql: SqlClient,
    line: string,
    fence: string,
    cursor: { xid: string; position: string },
    options: ExportOptions,
    pageSize: number,
  ): Promise<{ xid: string; position: string; line: string }[]> {
    const { rows } = await sql.query<{ xid: string; position: string; line: string }>(
      `SELECT transaction_id::text AS xid, global_position::text AS position, ${line} AS line
       FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < $3::xid8
         AND ($4::timestamptz IS NULL OR occurred_at >= $4)
         AND ($5::timestamptz IS NULL OR occurred_at < $5)
       ORDER BY transaction_id, global_position
       LIMIT $6`,
      [cursor.xid, cursor.position, fence, options.from ?? null, options.to ?? null, pageSize],
    );
    return rows;
  }

  /** Writes with backpressure; false when the destination closed (client gone): stop reading. */
  private async write(out: Writable, chunk: string, stats: ExportStats): Promise<boolean> {
    if (out.destroyed || out.writableEnded) return false;
    stats.bytes += Buffer.byteLength(chunk);
    const ok = out.write(chunk);
    stats.maxBufferedBytes = Math.max(stats.maxBufferedBytes, out.writableLength);
    if (!ok) {
      await Promise.race([once(out, 'drain'), once(out, 'close')]);
    }
    return !out.destroyed;
  }
}
