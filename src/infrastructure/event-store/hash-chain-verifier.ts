import type { SqlPool } from './sql-client';

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

interface PartitionRow {
  stream_id: string | null;
  version: string | null;
  position: string | null;
  reason: BrokenLink['reason'] | null;
  checked_events: string;
  checked_streams: string;
}

/**
 * One pass over one partition of the streams ($2 of $3 by hash of the stream id): each link is
 * recomputed from the stored columns with the SQL functions the append used, and the last link of
 * each stream is compared with the stream's head, in the same pass.
 */
const VERIFY_PARTITION_SQL = `
  WITH chain AS MATERIALIZED (
    SELECT global_position, stream_id, stream_version, hash,
      event_link_hash(lag(hash) OVER w, event_content_hash(stream_id, stream_version, event_id, event_type,
                      schema_version, occurred_at, data, metadata)) AS expected,
      coalesce(lag(stream_version) OVER w, 0) AS previous_version,
      lead(stream_version) OVER w IS NULL AS is_last
    FROM events
    WHERE ($1::text IS NULL OR stream_id = $1) AND mod(abs(hashtext(stream_id)::bigint), $3) = $2
    WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version)
  ),
  broken_links AS (
    SELECT stream_id, stream_version AS version, global_position AS position,
      CASE WHEN stream_version <> previous_version + 1 THEN 'version_gap' ELSE 'hash_mismatch' END AS reason
    FROM chain WHERE hash <> expected OR stream_version <> previous_version + 1
  ),
  broken_heads AS (
    SELECT s.stream_id, s.version, NULL::bigint AS position, 'head_mismatch' AS reason
    FROM streams s LEFT JOIN chain c ON c.stream_id = s.stream_id AND c.is_last
    WHERE ($1::text IS NULL OR s.stream_id = $1) AND mod(abs(hashtext(s.stream_id)::bigint), $3) = $2 AND s.version > 0
      AND (c.stream_version IS DISTINCT FROM s.version OR c.hash IS DISTINCT FROM s.head_hash)
  ),
  first_broken AS (
    SELECT * FROM broken_links UNION ALL SELECT * FROM broken_heads
    ORDER BY position NULLS LAST, stream_id, version LIMIT 1
  )
  SELECT f.stream_id, f.version::text AS version, f.position::text AS position, f.reason,
    (SELECT count(*) FROM chain)::text AS checked_events,
    (SELECT count(*) FROM chain WHERE is_last)::text AS checked_streams
  FROM (SELECT 1) one LEFT JOIN first_broken f ON true`;

/**
 * Recomputes every stream's hash chain in the database and compares each stream's head. A row
 * changed, deleted or moved by anyone, a superuser included, breaks the chain at that row or at its
 * successor. Streams are split into partitions verified in parallel on separate connections.
 */
export class HashChainVerifier {
  constructor(
    private readonly pool: SqlPool,
    /** Partitions verified at once; 1 on the embedded database, which has one backend. */
    private readonly parallelism = 1,
  ) {}

  /** Verifies every stream, or only `streamId`. */
  async verify(streamId?: string): Promise<VerificationResult> {
    const partitions = streamId === undefined ? this.parallelism : 1;
    const results = await Promise.all(
      Array.from({ length: partitions }, async (_, partition) => {
        const { rows } = await this.pool.query<PartitionRow>(VERIFY_PARTITION_SQL, [
          streamId ?? null,
          partition,
          partitions,
        ]);
        const row = rows[0];
        if (row === undefined) throw new Error('verification returned no row');
        return row;
      }),
    );
    const broken = results
      .filter((r) => r.stream_id !== null && r.version !== null && r.reason !== null)
      .map((r): BrokenLink => ({
        streamId: r.stream_id ?? '',
        version: BigInt(r.version ?? 0),
        position: r.position === null ? null : BigInt(r.position),
        reason: r.reason ?? 'hash_mismatch',
      }))
      .sort(byPositionThenStream);
    const firstBroken = broken[0] ?? null;
    return {
      ok: firstBroken === null,
      checkedEvents: results.reduce((n, r) => n + Number(r.checked_events), 0),
      checkedStreams: results.reduce((n, r) => n + Number(r.checked_streams), 0),
      firstBroken,
    };
  }
}

/** $all position order; head mismatches (no position) last, then by stream and version. */
function byPositionThenStream(a: BrokenLink, b: BrokenLink): number {
  if (a.position !== null && b.position !== null && a.position !== b.position)
    return a.position < b.position ? -1 : 1;
  if (a.position === null && b.position !== null) return 1;
  if (a.position !== null && b.position === null) return -1;
  if (a.streamId !== b.streamId) return a.streamId < b.streamId ? -1 : 1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
