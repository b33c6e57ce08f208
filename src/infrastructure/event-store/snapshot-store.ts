import type { SqlClient } from './sql-client';

export interface Snapshot<State = unknown> {
  streamId: string;
  /** The stream version the state was folded up to. */
  version: bigint;
  snapshotType: string;
  schemaVersion: number;
  state: State;
}

/**
 * Folded state of long streams, so loading reads the snapshot plus the events after it. A cache:
 * a snapshot of another type or schema version is ignored and the stream is folded from the start.
 */
export class SnapshotStore {
  constructor(private readonly sql: SqlClient) {}

  async load(streamId: string): Promise<Snapshot | null> {
    const { rows } = await this.sql.query<{
      version: string;
      snapshot_type: string;
      schema_version: number;
      state: unknown;
    }>(
      'SELECT stream_version::text AS version, snapshot_type, schema_version, state FROM snapshots WHERE stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      streamId,
      version: BigInt(row.version),
      snapshotType: row.snapshot_type,
      schemaVersion: row.schema_version,
      state: row.state,
    };
  }

  async save(snapshot: Snapshot): Promise<void> {
    // Never replace a newer snapshot with an older one (two writers may race).
    await this.sql.query(
      `INSERT INTO snapshots (stream_id, stream_version, snapshot_type, schema_version, state, taken_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (stream_id) DO UPDATE SET stream_version = excluded.stream_version,
         snapshot_type = excluded.snapshot_type, schema_version = excluded.schema_version,
         state = excluded.state, taken_at = excluded.taken_at
       WHERE snapshots.stream_version < excluded.stream_version`,
      [
        snapshot.streamId,
        snapshot.version.toString(),
        snapshot.snapshotType,
        snapshot.schemaVersion,
        JSON.stringify(snapshot.state),
      ],
    );
  }
}
