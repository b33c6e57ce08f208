import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StrategyNotFoundError } from '../../../../domain/strategy/lifecycle';
import { StrategyJournal, runOf } from '../../strategy-journal';
import { toAuditEventDto, type AuditEventDto } from '../../../audit';
import { StrategyRunEventsQuery } from './strategy-run-events.query';

/**
 * One run's events in stream order: StrategyStarted, every signal with its inputs, the routed and
 * refused orders, a failure, StrategyStopped with the final snapshot. What an auditor reads to see
 * why each order was placed (the orders themselves: their clientOrderId starts with the run prefix).
 */
@QueryHandler(StrategyRunEventsQuery)
export class StrategyRunEventsHandler implements IQueryHandler<StrategyRunEventsQuery> {
  constructor(private readonly journal: StrategyJournal) {}

  async execute({
    strategyId,
    run,
  }: StrategyRunEventsQuery): Promise<{ run: number; events: AuditEventDto[] }> {
    const stored = await this.journal.events(strategyId);
    if (stored.length === 0) throw new StrategyNotFoundError(strategyId);
    // a fold, not Math.max(...): a busy stream has more events than a call may take arguments
    const chosen = run ?? stored.reduce((latest, e) => Math.max(latest, runOf(e)), 0);
    const events = stored.filter((e) => runOf(e) === chosen).map(toAuditEventDto);
    return { run: chosen, events };
  }
}
