import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../../infrastructure/event-store/sql-client';

/** A holder that stops renewing (crashed, cut off) loses the lease after this long. */
export const RUNNER_LEASE_TTL_MS = 10_000;

/**
 * One process runs the strategies of a database: the holder of this lease (a row renewed by its
 * owner; another process takes it over once it has expired). Two workers on one database would
 * otherwise both run every strategy. Times are the database's, so clock skew between hosts is moot.
 */
@Injectable()
export class RunnerLease {
  readonly owner = randomUUID();
  private holding = false;

  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  get held(): boolean {
    return this.holding;
  }

  /** Takes or renews the lease; false when another live process holds it. */
  async tryHold(ttlMs = RUNNER_LEASE_TTL_MS): Promise<boolean> {
    const { rows } = await this.pool.query<{ owner: string }>(
      `INSERT INTO strategy_runner_lease (name, owner, expires_at)
       VALUES ('strategies', $1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE strategy_runner_lease.owner = EXCLUDED.owner OR strategy_runner_lease.expires_at < now()
       RETURNING owner`,
      [this.owner, ttlMs],
    );
    this.holding = rows[0]?.owner === this.owner;
    return this.holding;
  }

  /** Hands the lease over at once (a clean shutdown), instead of after it expires. */
  async release(): Promise<void> {
    this.holding = false;
    await this.pool.query("DELETE FROM strategy_runner_lease WHERE name = 'strategies' AND owner = $1", [
      this.owner,
    ]);
  }
}
