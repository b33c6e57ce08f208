import { Query } from '@nestjs/cqrs';
import type { AuditEventDto } from '../../../audit';

/** A run's events as the audit API shows every stored event. */
export class StrategyRunEventsQuery extends Query<{ run: number; events: AuditEventDto[] }> {
  constructor(
    readonly strategyId: string,
    readonly run: number | undefined,
  ) {
    super();
  }
}
