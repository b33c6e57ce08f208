import { randomBytes } from 'node:crypto';
import { GroupCommitQueue, type Settled } from '../concurrency/group-commit-queue';
import { eventsAppended, appendConflicts } from '../observability/metrics';
import { requestContext } from '../observability/request-context';
import type { AppendNotifier } from './append-notifier';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './event-row';
import {
  DuplicateEventIdError,
  UnstorableEventDataError,
  WrongExpectedVersionError,
} from './event-store.errors';
import type {
  AppendResult,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from './event-store.types';
import {
  inTransaction,
  pgErrorCode,
  pgErrorConstraint,
  pgErrorDetail,
  type SqlClient,
  type SqlPool,
} from './sql-client';
import type { UpcasterRegistry } from './upcasters';

/** An append inside the caller's transaction (see PostgresEventStore.inTransaction). */
export type TransactionAppend = (
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
) => Promise<AppendResult>;

const APPEND_SQL = `SELECT global_position::text AS position, stream_version::text AS version, replayed
  FROM append_to_stream($1, $2, $3, $4::jsonb)`;
const APPEND_STREAMS_SQL = `SELECT append_index AS index, global_position::text AS position,
  stream_version::text AS version, replayed FROM append_streams($1::jsonb)`;

/**
 * Batches of appends running at once. Batching only forms while all are busy: with 2 a light load
 * (200 orders/s) already queued and waited (p50 +3 ms); with 4 it does not, and a heavy one still
 * batches (~8 appends a statement at 600 orders/s on 2 cores).
 */
export const APPEND_SLOTS = 4;
const MAX_APPENDS_PER_BATCH = 64;

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
  /** The events as one JSON array (see payloadOf). */
  payload: string;
}

/** A row of append_to_stream or append_streams; position null is a batch's conflict marker. */
interface AppendRow {
  position: string | null;
  version: string;
  replayed: boolean;
}

function expectedVersionOf(expected: ExpectedVersion): string | null {
  return expected.kind === 'exact' ? expected.version.toString() : null;
}

function resultOf(rows: readonly AppendRow[]): AppendResult {
  const last = rows[rows.length - 1];
  return {
    nextVersion: BigInt(last?.version ?? 0),
    positions: rows.map((r) => BigInt(r.position ?? 0)),
    replayed: last?.replayed === true,
  };
}

/** A batch for append_streams: each append's events are JSON already, so they go in as they are. */
function appendsJson(batch: readonly PendingAppend[]): string {
  const appends = batch.map(
    (a) =>
      `{"streamId":${JSON.stringify(a.streamId)},"expectedKind":"${a.expected.kind}",` +
      `"expectedVersion":${expectedVersionOf(a.expected) ?? 'null'},"events":${a.payload}}`,
  );
  return `[${appends.join(',')}]`;
}

/** An append refused because its stream is at `actual`, not where it expected. */
function conflict(append: PendingAppend, actual: bigint): WrongExpectedVersionError {
  appendConflicts.inc();
  return new WrongExpectedVersionError(append.streamId, append.expected, actual);
}

function settle<R>(work: Promise<R>): Promise<Settled<R>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Text PostgreSQL cannot store in jsonb (NUL, lone surrogates): the caller's data, so a 400. */
const UNSTORABLE_TEXT = new Set(['22P05', '22P02', '22021']);

/**
 * $all in commit-safe order. Rows of transactions older than the oldest running one are final, so
 * reading behind that xid fence in (transaction_id, global_position) order never skips an event
 * that commits later. The cursor is the last position read; its transaction id is looked up.
 */
const FENCE = 'pg_snapshot_xmin(pg_current_snapshot())';

/** The events after the cursor ($1, a position) that are behind the fence, in $all order. */
const AFTER_CURSOR = `WITH cursor AS (
    SELECT coalesce((SELECT transaction_id FROM events WHERE global_position = $1), '0'::xid8) AS xid
  )
  SELECT %COLUMNS% FROM events, cursor
  WHERE (transaction_id, global_position) > (cursor.xid, $1::bigint)
    AND transaction_id < ${FENCE}
  ORDER BY transaction_id, global_position
  LIMIT $2`;

/**
 * A page of AFTER_CURSOR with one more fact, from the same snapshot: whether committed events wait
 * beyond the fence (an older transaction still runs). A reader that stopped at the fence reads again
 * soon; one that did not is caught up. Always one row at least: an empty page is a row of NULLs.
 * The probe takes the first row past the fence by index (EXISTS may seq-scan); '>': the rows of the
 * oldest running transaction itself (xid = xmin) are not committed, and a big one would be walked.
 */
const PAGE_COLUMNS = `transaction_id AS page_xid, global_position AS page_position, ${EVENT_COLUMNS}`;
const READ_PAGE_SQL = `WITH page AS (
    ${AFTER_CURSOR.replace('%COLUMNS%', PAGE_COLUMNS)}
  )
  SELECT page.*, beyond.fenced
  FROM (
    SELECT (
      SELECT transaction_id FROM events WHERE transaction_id > ${FENCE} ORDER BY transaction_id LIMIT 1
    ) IS NOT NULL AS fenced
  ) AS beyond
  LEFT JOIN page ON true
  ORDER BY page.page_xid, page.page_position`;
const COUNT_AFTER_SQL = `SELECT count(*)::int AS behind FROM (${AFTER_CURSOR.replace('%COLUMNS%', '1')}) AS pending`;

/** A row of READ_PAGE_SQL: an event, or (an empty page) NULLs; the fence flag on every row. */
type PageRow = { [K in keyof EventRow]: EventRow[K] | null } & { fenced: boolean };

/** One read of $all: the events, and whether it stopped at the xid fence with committed events beyond. */
export interface AllPage {
  events: StoredEvent[];
  /** Committed events wait behind an older running transaction: read again soon, not at the poll. */
  fenced: boolean;
}

export interface ReadAllOptions {
  /** Read events after this position (0 = from the start). */
  after: bigint;
  maxCount: number;
}

export class PostgresEventStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly upcasters: UpcasterRegistry,
    private readonly notifier: AppendNotifier,
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    // the payload now: its metadata comes from the caller's request context
    const result = await this.batches.submit({ streamId, events, expected, payload: this.payloadOf(events) });
    if (!result.replayed) this.committed(events);
    return result;
  }

  /**
   * Appends that wait for a free slot go together in one statement and one transaction (see
   * append_streams): under load, one commit and one WAL flush for several.
   */
  private readonly batches = new GroupCommitQueue<PendingAppend, AppendResult>(
    (batch) => this.appendBatch(batch),
    APPEND_SLOTS,
    MAX_APPENDS_PER_BATCH,
  );

  /**
   * Runs `work` in one transaction on `pool`, with an append bound to it: the rows `work` writes
   * there become visible together with its events, never before or after them (a table a
   * projection joins, say). The append must be the transaction's first write (append_to_stream
   * checks): $all is ordered by the writing transaction. Subscriptions in this process are woken
   * after the commit.
   */
  async inTransaction<T>(
    pool: SqlPool,
    work: (tx: SqlClient, append: TransactionAppend) => Promise<T>,
  ): Promise<T> {
    const appended: NewEvent[] = [];
    const result = await inTransaction(pool, (tx) =>
      work(tx, async (streamId, events, expected) => {
        const r = await this.appendAlone(tx, { streamId, events, expected, payload: this.payloadOf(events) });
        if (!r.replayed) appended.push(...events);
        return r;
      }),
    );
    if (appended.length > 0) this.committed(appended);
    return result;
  }

  private committed(events: readonly NewEvent[]): void {
    for (const e of events) eventsAppended.inc({ type: e.type });
    this.notifier.notify();
  }

  /** The events as append_to_stream takes them: one JSON array, with their metadata. */
  private payloadOf(events: readonly NewEvent[]): string {
    if (events.length === 0) throw new Error('append needs at least one event');
    const context = requestContext.current();
    const occurredAt = new Date().toISOString();
    return JSON.stringify(
      events.map((e) => ({
        id: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion ?? 1,
        occurredAt: e.occurredAt?.toISOString() ?? occurredAt,
        data: e.data,
        metadata: this.metadataFor(e, context),
      })),
    );
  }

  private async appendAlone(sql: SqlClient, append: PendingAppend): Promise<AppendResult> {
    const { streamId, events, expected } = append;
    try {
      const { rows } = await sql.query<AppendRow>(APPEND_SQL, [
        streamId,
        expected.kind,
        expectedVersionOf(expected),
        append.payload,
      ]);
      return resultOf(rows);
    } catch (err) {
      const code = pgErrorCode(err);
      if (code === 'TB409') throw conflict(append, BigInt(pgErrorDetail(err) ?? '0'));
      if (code === '23505' && pgErrorConstraint(err) === 'events_event_id_key') {
        const replayed = await this.appendedBefore(sql, streamId, events);
        if (replayed !== null) return replayed;
        throw new DuplicateEventIdError(streamId);
      }
      if (code !== undefined && UNSTORABLE_TEXT.has(code)) throw new UnstorableEventDataError(streamId);
      throw err;
    }
  }

  /**
   * Several appends in one transaction; one alone goes the usual way. When the batch fails as a
   * whole (an event id already stored, text PostgreSQL cannot hold, a lost connection), nothing of
   * it was written: each append is then tried alone, and gets its own answer or error.
   */
  private async appendBatch(batch: PendingAppend[]): Promise<Settled<AppendResult>[]> {
    if (batch.length === 1) return [await settle(this.appendAlone(this.sql, batch[0] as PendingAppend))];
    let rows: (AppendRow & { index: number })[];
    try {
      ({ rows } = await this.sql.query<AppendRow & { index: number }>(APPEND_STREAMS_SQL, [
        appendsJson(batch),
      ]));
    } catch {
      return Promise.all(batch.map((a) => settle(this.appendAlone(this.sql, a))));
    }
    const byAppend: AppendRow[][] = batch.map(() => []);
    for (const r of rows) byAppend[r.index - 1]?.push(r);
    return batch.map((a, i) => {
      const mine = byAppend[i] ?? [];
      const only = mine[0];
      if (mine.length === 1 && only?.position === null)
        return { ok: false, error: conflict(a, BigInt(only.version)) };
      return { ok: true, value: resultOf(mine) };
    });
  }

  /**
   * The result of an earlier append of exactly these event ids to this stream (an idempotent
   * replay), or null when the ids belong to other events. Inside a caller's transaction the failed
   * insert has aborted it, so the check cannot run there and null is answered.
   */
  private async appendedBefore(
    sql: SqlClient,
    streamId: string,
    events: readonly NewEvent[],
  ): Promise<AppendResult | null> {
    try {
      const { rows } = await sql.query<{ position: string; version: string }>(
        'SELECT global_position::text AS position, stream_version::text AS version FROM appended_before($1, $2::uuid[])',
        [streamId, events.map((e) => e.eventId)],
      );
      const last = rows[rows.length - 1];
      if (last === undefined) return null;
      return {
        nextVersion: BigInt(last.version),
        positions: rows.map((r) => BigInt(r.position)),
        replayed: true,
      };
    } catch (err) {
      if (pgErrorCode(err) === '25P02') return null; // in_failed_sql_transaction
      throw err;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion ?? (backwards ? null : 1n);
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1
         AND ($2::bigint IS NULL OR stream_version ${backwards ? '<=' : '>='} $2)
         AND ($3::bigint IS NULL OR stream_version <= $3)
       ORDER BY events.stream_version ${backwards ? 'DESC' : 'ASC'}
       LIMIT $4`,
      [streamId, from?.toString() ?? null, options.toVersion?.toString() ?? null, options.maxCount ?? null],
    );
    return rows.map((r) => this.upcasters.upcast(toStoredEvent(r)));
  }

  async hasEvent(streamId: string, eventId: string): Promise<boolean> {
    const { rows } = await this.sql.query('SELECT 1 FROM events WHERE event_id = $1 AND stream_id = $2', [
      eventId,
      streamId,
    ]);
    return rows.length > 0;
  }

  /** The stream's current version, 0n when it does not exist. */
  async streamVersion(streamId: string): Promise<bigint> {
    const { rows } = await this.sql.query<{ version: string }>(
      'SELECT version::text AS version FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return BigInt(rows[0]?.version ?? '0');
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    return (await this.readAllPage(options)).events;
  }

  /** readAll, and whether the read stopped at the fence (see AllPage). */
  async readAllPage(options: ReadAllOptions): Promise<AllPage> {
    const { rows } = await this.sql.query<PageRow>(READ_PAGE_SQL, [
      options.after.toString(),
      options.maxCount,
    ]);
    const events: StoredEvent[] = [];
    for (const row of rows) {
      if (row.position !== null) events.push(this.upcasters.upcast(toStoredEvent(row as EventRow)));
    }
    return { events, fenced: rows[0]?.fenced === true };
  }

  /** How many committed events follow `after` in $all, counting at most `cap` (a bounded lag probe). */
  async countAfter(after: bigint, cap: number): Promise<number> {
    const { rows } = await this.sql.query<{ behind: number }>(COUNT_AFTER_SQL, [after.toString(), cap]);
    return rows[0]?.behind ?? 0;
  }

  /** The last event of $all readable behind the fence now (in $all order, not the highest position). */
  async headPosition(): Promise<bigint> {
    const { rows } = await this.sql.query<{ head: string | null }>(
      `SELECT global_position::text AS head FROM events
       WHERE transaction_id < ${FENCE}
       ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return BigInt(rows[0]?.head ?? '0');
  }

  private metadataFor(event: NewEvent, context = requestContext.current()): EventMetadata {
    return {
      correlationId: context?.correlationId ?? event.eventId,
      causationId: context?.causationId ?? null,
      actor: context?.actor ?? 'system:unknown',
      requestId: context?.requestId ?? null,
      ...event.metadata,
      schemaVersion: event.schemaVersion ?? 1,
    };
  }
}

/**
 * A fresh event id: a UUIDv7, whose leading timestamp keeps inserts into the unique event_id index
 * near its right edge instead of scattered over it. Handlers may instead derive one
 * deterministically (see deterministicEventId).
 */
export function newEventId(now = Date.now()): string {
  const bytes = Buffer.from(randomChunk(16));
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 256 ids, not one per id. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomChunk(size: number): Buffer {
  if (randomOffset + size > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  const chunk = randomPool.subarray(randomOffset, randomOffset + size);
  randomOffset += size;
  return chunk;
}
