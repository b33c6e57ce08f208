import { Inject, Injectable } from '@nestjs/common';
import type { AccountReconciled } from '../../../domain/accounts';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../../infrastructure/event-store/sql-client';

/** trading_reconciliations: each account's last reconciliation result. */
@Injectable()
export class ReconciliationsRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async last(accountId: string): Promise<{ result: AccountReconciled; runs: number } | undefined> {
    const { rows } = await this.pool.query<{ result: AccountReconciled; runs: number }>(
      'SELECT result, runs FROM trading_reconciliations WHERE account_id = $1',
      [accountId],
    );
    return rows[0];
  }

  async lastAt(accountId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ reconciled_at: Date }>(
      'SELECT reconciled_at FROM trading_reconciliations WHERE account_id = $1',
      [accountId],
    );
    return rows[0]?.reconciled_at.getTime() ?? null;
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ p: string | null }>(
      'SELECT max(global_position)::text AS p FROM events',
    );
    return BigInt(rows[0]?.p ?? '0');
  }
}
