import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7, backtests: one row per backtest or sweep, its request, status and result. Results are the
 * output of a pure computation (same request, same result hash), so they are stored, not event-sourced.
 */
export class Backtests1764100000000 implements MigrationInterface {
  name = 'Backtests1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE backtest_runs (
        run_id       text PRIMARY KEY,
        kind         text NOT NULL CHECK (kind IN ('backtest', 'sweep')),
        status       text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        request      jsonb NOT NULL,
        progress     jsonb,
        result       jsonb,
        error        jsonb,
        requested_by text NOT NULL,
        created_at   timestamptz NOT NULL,
        heartbeat_at timestamptz NOT NULL,
        finished_at  timestamptz
      )`);
    await q.query('CREATE INDEX backtest_runs_created ON backtest_runs (created_at DESC)');
    // the unfinished runs, for the sweep that fails those whose instance stopped beating
    await q.query(
      `CREATE INDEX backtest_runs_unfinished ON backtest_runs (heartbeat_at) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE backtest_runs');
  }
}
