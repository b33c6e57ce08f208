import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../domain/shared/domain-error';
import { AccountDirectory } from '../../../accounts';
import { Reconciler } from '../../reconciliation/reconciler';
import { ReconciliationsRepository } from '../../reconciliation/reconciliations.repository';
import { GetReconciliationQuery, ReconcileAccountCommand } from './get-reconciliation.query';
import type { ReconciliationResponseDto } from './reconciliation.response.dto';

export class ReconciliationNotFoundError extends DomainError {
  readonly code = 'RECONCILIATION_NOT_FOUND';
  readonly kind = 'not_found';
}

@QueryHandler(GetReconciliationQuery)
export class GetReconciliationHandler implements IQueryHandler<GetReconciliationQuery> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly reconciliations: ReconciliationsRepository,
  ) {}

  async execute({ accountId }: GetReconciliationQuery): Promise<ReconciliationResponseDto> {
    await this.accounts.get(accountId);
    const last = await this.reconciliations.last(accountId);
    if (last === undefined)
      throw new ReconciliationNotFoundError(`Account ${accountId} has not been reconciled yet`, {
        accountId,
      });
    const { type: _type, ...result } = last.result;
    return { ...result, runs: last.runs };
  }
}

@CommandHandler(ReconcileAccountCommand)
export class ReconcileAccountHandler implements ICommandHandler<ReconcileAccountCommand> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly reconciler: Reconciler,
    private readonly reconciliations: ReconciliationsRepository,
  ) {}

  async execute({ accountId }: ReconcileAccountCommand): Promise<ReconciliationResponseDto> {
    await this.accounts.get(accountId);
    const result = await this.reconciler.reconcile(accountId, 'manual');
    const runs = (await this.reconciliations.last(accountId))?.runs ?? 0;
    return { ...result, runs };
  }
}
