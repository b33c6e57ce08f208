import { Command, Query } from '@nestjs/cqrs';
import type { ReconciliationResponseDto } from './reconciliation.response.dto';

export class GetReconciliationQuery extends Query<ReconciliationResponseDto> {
  constructor(readonly accountId: string) {
    super();
  }
}

/** Reconcile now (trigger `manual`) and answer the result. */
export class ReconcileAccountCommand extends Command<ReconciliationResponseDto> {
  constructor(readonly accountId: string) {
    super();
  }
}
