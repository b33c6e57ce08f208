import { Inject, Injectable } from '@nestjs/common';
import type { EquityWatermarks } from '../../../domain/risk';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../../infrastructure/event-store/sql-client';

/** The loss monitor's start-of-day and peak equity per account: a cache the monitor rebuilds as it observes. */
@Injectable()
export class EquityWatermarksRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async get(accountId: string): Promise<EquityWatermarks | null> {
    const { rows } = await this.pool.query<{ day: string; start_of_day_equity: string; peak_equity: string }>(
      'SELECT day, start_of_day_equity, peak_equity FROM trading_equity_watermarks WHERE account_id = $1',
      [accountId],
    );
    const r = rows[0];
    return r === undefined
      ? null
      : { day: r.day, startOfDayEquity: r.start_of_day_equity, peakEquity: r.peak_equity };
  }

  async save(accountId: string, w: EquityWatermarks): Promise<void> {
    await this.pool.query(
      `INSERT INTO trading_equity_watermarks (account_id, day, start_of_day_equity, peak_equity, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (account_id) DO UPDATE SET day = EXCLUDED.day, start_of_day_equity = EXCLUDED.start_of_day_equity,
         peak_equity = EXCLUDED.peak_equity, updated_at = now()`,
      [accountId, w.day, w.startOfDayEquity, w.peakEquity],
    );
  }
}
