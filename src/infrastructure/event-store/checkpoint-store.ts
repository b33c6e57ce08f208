import type { SqlClient } from './sql-client';

/** Stored subscription positions in $all. */
export class CheckpointStore {
  constructor(private readonly sql: SqlClient) {}

  async load(name: string): Promise<bigint | null> {
    const { rows } = await this.sql.query<{ position: string }>(
      'SELECT position::text AS position FROM subscription_checkpoints WHERE subscription_id = $1',
      [name],
    );
    return rows[0] === undefined ? null : BigInt(rows[0].position);
  }

  /** Creates the checkpoint if it does not exist yet; returns the stored position. */
  async init(name: string, position: bigint): Promise<bigint> {
    await this.sql.query(
      'INSERT INTO subscription_checkpoints (subscription_id, position) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [name, position.toString()],
    );
    return (await this.load(name)) ?? position;
  }

  /**
   * Moves the checkpoint only from where this reader found it. A false answer means another
   * instance moved it meanwhile: the caller's transaction must roll back rather than apply twice.
   */
  async advance(tx: SqlClient, name: string, from: bigint, to: bigint): Promise<boolean> {
    const { rows } = await tx.query(
      `UPDATE subscription_checkpoints SET position = $3, updated_at = now()
       WHERE subscription_id = $1 AND position = $2 RETURNING 1`,
      [name, from.toString(), to.toString()],
    );
    return rows.length === 1;
  }

  async reset(tx: SqlClient, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO subscription_checkpoints (subscription_id, position) VALUES ($1, 0)
       ON CONFLICT (subscription_id) DO UPDATE SET position = 0, updated_at = now()`,
      [name],
    );
  }
}
