import { Injectable } from '@nestjs/common';
import type { AccountEvent } from '../../../domain/accounts';
import type { AccountRiskEvent } from '../../../domain/risk';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../../infrastructure/event-store/sql-client';
import { Projection } from '../../../infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler } from '../../../infrastructure/event-store/subscription.types';

type Handled = Extract<AccountEvent, { type: 'AccountOpened' | 'AccountReconciled' }> | AccountRiskEvent;

/** trading_accounts (identity, risk status and policy) and trading_reconciliations (the last result). */
@Projection()
@Injectable()
export class AccountsProjection implements ProjectionHandler {
  readonly name = 'trading-accounts';
  readonly eventTypes = [
    'AccountOpened',
    'AccountReconciled',
    'RiskPolicySet',
    'AccountRiskModeChanged',
    'KillSwitchTripped',
    'KillSwitchRearmed',
  ];

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    for (const stored of events) await this.apply(stored.data as Handled, tx);
  }

  private async apply(e: Handled, tx: SqlClient): Promise<void> {
    switch (e.type) {
      case 'AccountOpened':
        await tx.query(
          `INSERT INTO trading_accounts (account_id, name, exchange, credentials_env, initial_balances, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (account_id) DO NOTHING`,
          [e.accountId, e.name, e.exchange, e.credentialsEnv, JSON.stringify(e.initialBalances), e.by, e.at],
        );
        return;
      case 'AccountReconciled':
        await tx.query(
          `INSERT INTO trading_reconciliations (account_id, result, reconciled_at, runs) VALUES ($1, $2, $3, 1)
           ON CONFLICT (account_id) DO UPDATE SET result = EXCLUDED.result, reconciled_at = EXCLUDED.reconciled_at,
             runs = trading_reconciliations.runs + 1`,
          [e.accountId, JSON.stringify(e), e.at],
        );
        return;
      case 'RiskPolicySet':
        await tx.query(
          `UPDATE trading_accounts SET risk_policy = $2, risk_policy_version = risk_policy_version + 1,
             risk_policy_set_by = $3, risk_policy_set_at = $4, updated_at = $4 WHERE account_id = $1`,
          [e.accountId, JSON.stringify(e.policy), e.by, e.at],
        );
        return;
      case 'AccountRiskModeChanged':
      case 'KillSwitchRearmed':
        await tx.query(
          `UPDATE trading_accounts SET risk_status = $2, halt_reason = NULL, halted_at = NULL, updated_at = $3 WHERE account_id = $1`,
          [e.accountId, e.to, e.at],
        );
        return;
      case 'KillSwitchTripped':
        await tx.query(
          `UPDATE trading_accounts SET risk_status = 'HALTED', halt_reason = $2, halted_at = $3, updated_at = $3 WHERE account_id = $1`,
          [e.accountId, e.reason, e.at],
        );
        return;
    }
  }

  async reset(tx: SqlClient): Promise<void> {
    await tx.query('DELETE FROM trading_reconciliations');
    await tx.query('DELETE FROM trading_accounts');
  }
}
