import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';

export type BacktestRunKind = 'backtest' | 'sweep';
export type BacktestRunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface BacktestRunRow {
  run_id: string;
  kind: BacktestRunKind;
  status: BacktestRunStatus;
  request: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  requested_by: string;
  created_at: Date;
  finished_at: Date | null;
}

/** The backtest_runs table: requests, their status and results. */
@Injectable()
export class BacktestRunsRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async insert(run: {
    runId: string;
    kind: BacktestRunKind;
    request: object;
    requestedBy: string;
    createdAt: Date;
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO backtest_runs (run_id, kind, status, request, requested_by, created_at, heartbeat_at)
       VALUES ($1, $2, 'queued', $3, $4, $5, now())`,
      [run.runId, run.kind, JSON.stringify(run.request), run.requestedBy, run.createdAt],
    );
  }

  async running(runId: string, progress: object): Promise<void> {
    await this.pool.query(`UPDATE backtest_runs SET status = 'running', progress = $2 WHERE run_id = $1`, [
      runId,
      JSON.stringify(progress),
    ]);
  }

  async completed(runId: string, result: object, at: Date): Promise<void> {
    await this.pool.query(
      `UPDATE backtest_runs SET status = 'completed', result = $2, finished_at = $3 WHERE run_id = $1`,
      [runId, JSON.stringify(result), at],
    );
  }

  async failed(runId: string, error: { code: string; message: string }, at: Date): Promise<void> {
    await this.pool.query(
      `UPDATE backtest_runs SET status = 'failed', error = $2, finished_at = $3 WHERE run_id = $1`,
      [runId, JSON.stringify(error), at],
    );
  }

  /** The instance running these is alive: their heartbeat moves on. */
  async beat(runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    await this.pool.query(
      `UPDATE backtest_runs SET heartbeat_at = now() WHERE run_id = ANY($1) AND status IN ('queued', 'running')`,
      [runIds],
    );
  }

  /**
   * Unfinished runs whose instance has not beaten for `staleMs` by the database's clock (it stopped
   * or crashed): failed with INTERRUPTED, never left "running" for ever. Returns their ids.
   */
  async failAbandoned(staleMs: number, at: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ run_id: string }>(
      `UPDATE backtest_runs SET status = 'failed', finished_at = $2,
         error = '{"code":"INTERRUPTED","message":"the instance running it stopped before it finished; submit it again"}'
       WHERE status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $1)
       RETURNING run_id`,
      [staleMs / 1000, at],
    );
    return rows.map((r) => r.run_id);
  }

  async get(runId: string): Promise<BacktestRunRow | undefined> {
    const { rows } = await this.pool.query<BacktestRunRow>(
      `SELECT run_id, kind, status, request, progress, result, error, requested_by, created_at, finished_at
       FROM backtest_runs WHERE run_id = $1`,
      [runId],
    );
    return rows[0];
  }
}
