import type { SqlClient } from './sql-client';

export interface BrokenLink {
  streamId: string;
  /** The first version whose stored hash or version does not follow from its predecessor. */
  version: bigint;
  position: bigint | null;
  reason: 'hash_mismatch' | 'version_gap' | 'head_mismatch';
}

export interface VerificationResult {
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  /** The first broken link in $all order; null when every chain holds. */
  firstBroken: BrokenLink | null;
}

/**
 * Recomputes every stream's hash chain in the database (the same SQL functions the append used) and
 * compares each stream's head. A row changed, deleted or moved by anyone, a superuser included,
 * breaks the chain at that row or at its successor.
 */
export class HashChainVerifier {
  constructor(private readonly sql: SqlClient) {}

  /** Verifies every stream, or only `streamId`. */
  async verify(streamId?: string): Promise<VerificationResult> {
    const { rows } = await this.sql.query<{
      stream_id: string;
      version: string;
      position: string | null;
      reason: BrokenLink['reason'];
      checked_events: string;
      checked_streams: string;
    }>(
      `
      WITH chain AS (
        SELECT global_position, stream_id, stream_version, hash,
          event_link_hash(lag(hash) OVER w, event_content_hash(stream_id, stream_version, event_id, event_type,
                          schema_version, occurred_at, data, metadata)) AS expected,
          coalesce(lag(stream_version) OVER w, 0) AS previous_version
        FROM events WHERE ($1::text IS NULL OR stream_id = $1)
        WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version)
      ),
      broken_links AS (
        SELECT stream_id, stream_version AS version, global_position AS position,
          CASE WHEN stream_version <> previous_version + 1 THEN 'version_gap' ELSE 'hash_mismatch' END AS reason
        FROM chain WHERE hash <> expected OR stream_version <> previous_version + 1
      ),
      heads AS (
        SELECT stream_id, max(stream_version) AS version,
          (array_agg(hash ORDER BY stream_version DESC))[1] AS hash
        FROM events WHERE ($1::text IS NULL OR stream_id = $1) GROUP BY stream_id
      ),
      broken_heads AS (
        SELECT s.stream_id, s.version, NULL::bigint AS position, 'head_mismatch' AS reason
        FROM streams s LEFT JOIN heads h USING (stream_id)
        WHERE ($1::text IS NULL OR s.stream_id = $1) AND s.version > 0 AND (h.version IS DISTINCT FROM s.version OR h.hash IS DISTINCT FROM s.head_hash)
      ),
      first_broken AS (
        SELECT * FROM broken_links UNION ALL SELECT * FROM broken_heads
        ORDER BY position NULLS LAST, stream_id, version LIMIT 1
      )
      SELECT f.stream_id, f.version::text AS version, f.position::text AS position, f.reason,
        (SELECT count(*) FROM events WHERE $1::text IS NULL OR stream_id = $1)::text AS checked_events,
        (SELECT count(*) FROM streams WHERE $1::text IS NULL OR stream_id = $1)::text AS checked_streams
      FROM (SELECT 1) one LEFT JOIN first_broken f ON true`,
      [streamId ?? null],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('verification returned no row');
    const firstBroken: BrokenLink | null =
      row.stream_id === null
        ? null
        : {
            streamId: row.stream_id,
            version: BigInt(row.version),
            position: row.position === null ? null : BigInt(row.position),
            reason: row.reason,
          };
    return {
      ok: firstBroken === null,
      checkedEvents: Number(row.checked_events),
      checkedStreams: Number(row.checked_streams),
      firstBroken,
    };
  }
}
