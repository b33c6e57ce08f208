import { Inject, Injectable } from '@nestjs/common';
import type { StrategyConfiguration, StrategyMode } from '../../domain/strategy/lifecycle';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';

export interface StrategyRow {
  strategyId: string;
  name: string;
  strategy: string;
  status: 'registered' | 'running' | 'stopped';
  mode: StrategyMode | null;
  run: number;
  accountId: string;
  configuration: StrategyConfiguration;
  lastFailure: Record<string, unknown> | null;
  lastStop: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  strategy_id: string;
  name: string;
  strategy: string;
  status: StrategyRow['status'];
  mode: StrategyMode | null;
  run: number;
  account_id: string;
  configuration: StrategyConfiguration;
  last_failure: Record<string, unknown> | null;
  last_stop: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

const toRow = (r: Row): StrategyRow => ({
  strategyId: r.strategy_id,
  name: r.name,
  strategy: r.strategy,
  status: r.status,
  mode: r.mode,
  run: r.run,
  accountId: r.account_id,
  configuration: r.configuration,
  lastFailure: r.last_failure,
  lastStop: r.last_stop,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The `strategies` read model. */
@Injectable()
export class StrategiesRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async list(filter: { status?: string; accountId?: string; limit: number }): Promise<StrategyRow[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM strategies
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR account_id = $2)
       ORDER BY created_at DESC, strategy_id DESC LIMIT $3`,
      [filter.status ?? null, filter.accountId ?? null, filter.limit],
    );
    return rows.map(toRow);
  }
}
