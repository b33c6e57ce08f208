import { Injectable } from '@nestjs/common';
import type { StrategyLifecycleEvent } from '../../../domain/strategy/lifecycle';
import { assertNever } from '../../../domain/shared/decider';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../../infrastructure/event-store/sql-client';
import { Projection } from '../../../infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler } from '../../../infrastructure/event-store/subscription.types';

/** The lifecycle events only: signals and routing facts (the busy part of a stream) change no row. */
const PROJECTED: readonly StrategyLifecycleEvent['type'][] = [
  'StrategyRegistered',
  'StrategyReconfigured',
  'StrategyStarted',
  'StrategyFailed',
  'StrategyStopped',
];

/** `strategies`: one row per strategy with its status, run, mode and configuration. */
@Projection()
@Injectable()
export class StrategiesProjection implements ProjectionHandler {
  readonly name = 'strategies';
  readonly eventTypes = PROJECTED;

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    for (const stored of events) await this.apply(stored.data as StrategyLifecycleEvent, tx);
  }

  private async apply(e: StrategyLifecycleEvent, tx: SqlClient): Promise<void> {
    switch (e.type) {
      case 'StrategyRegistered':
        await tx.query(
          `INSERT INTO strategies (strategy_id, name, strategy, status, account_id, configuration, created_at, updated_at)
           VALUES ($1, $2, $3, 'registered', $4, $5, $6, $6) ON CONFLICT (strategy_id) DO NOTHING`,
          [
            e.strategyId,
            e.name,
            e.configuration.strategy,
            e.configuration.accountId,
            JSON.stringify(e.configuration),
            e.at,
          ],
        );
        return;
      case 'StrategyReconfigured':
        await tx.query(
          'UPDATE strategies SET configuration = $2, account_id = $3, updated_at = $4 WHERE strategy_id = $1',
          [e.strategyId, JSON.stringify(e.configuration), e.configuration.accountId, e.at],
        );
        return;
      case 'StrategyStarted':
        await tx.query(
          `UPDATE strategies SET status = 'running', mode = $2, run = $3, last_failure = NULL, updated_at = $4
           WHERE strategy_id = $1`,
          [e.strategyId, e.mode, e.run, e.at],
        );
        return;
      case 'StrategyFailed':
        await tx.query('UPDATE strategies SET last_failure = $2, updated_at = $3 WHERE strategy_id = $1', [
          e.strategyId,
          JSON.stringify({ run: e.run, hook: e.hook, message: e.message, at: e.at }),
          e.at,
        ]);
        return;
      case 'StrategyStopped':
        await tx.query(
          `UPDATE strategies SET status = 'stopped', last_stop = $2, updated_at = $3 WHERE strategy_id = $1`,
          [
            e.strategyId,
            JSON.stringify({
              run: e.run,
              reason: e.reason,
              at: e.at,
              closePositions: e.closePositions,
              cancelledOrderIds: e.cancelledOrderIds,
              closingOrderIds: e.closingOrderIds,
              snapshot: e.snapshot,
            }),
            e.at,
          ],
        );
        return;
      case 'StrategySignalled':
      case 'StrategyOrderRouted':
      case 'StrategyOrderRefused':
        return;
      default:
        return assertNever(e);
    }
  }

  async reset(tx: SqlClient): Promise<void> {
    await tx.query('DELETE FROM strategies');
  }
}
