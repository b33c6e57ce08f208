import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountStreamId, InvalidAccountError } from '../../../../domain/accounts';
import { AggregateRepository } from '../../../../infrastructure/event-store/aggregate-repository';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import { ExchangeRegistry } from '../../../exchanges';
import { AccountDirectory } from '../../account-directory';
import type { AccountResponseDto } from '../../queries/get-account/account.response.dto';
import { toAccountResponse } from '../../queries/get-account/account.response.dto';
import { OpenAccountCommand } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly registry: ExchangeRegistry,
    private readonly accounts: AccountDirectory,
  ) {}

  async execute({ request }: OpenAccountCommand): Promise<AccountResponseDto> {
    if (!this.registry.has(request.exchange)) {
      throw new InvalidAccountError([
        {
          field: 'exchange',
          message: `"${request.exchange}" is not configured (${this.registry.list().join(', ')})`,
        },
      ]);
    }
    const accountId = `acc_${randomBytes(8).toString('hex')}`;
    const by = requestContext.current()?.actor ?? 'system:unknown';
    const at = new Date().toISOString();
    const balances = request.initialBalances ?? {};
    const bad = Object.entries(balances).filter(([, v]) => typeof v !== 'string');
    if (bad.length > 0) {
      throw new InvalidAccountError(
        bad.map(([c]) => ({ field: `initialBalances.${c}`, message: 'must be a decimal string' })),
      );
    }
    const { state } = await this.aggregates.handle(accountStreamId(accountId), accountDecider, {
      type: 'OpenAccount',
      accountId,
      name: request.name,
      exchange: request.exchange,
      credentialsEnv: request.credentialsEnv ?? null,
      initialBalances: balances,
      by,
      at,
    });
    const record = {
      accountId,
      name: state.name,
      exchange: state.exchange,
      credentialsEnv: state.credentialsEnv,
      initialBalances: { ...state.initialBalances },
      createdBy: by,
      createdAt: at,
      riskStatus: 'ACTIVE' as const,
      haltReason: null,
    };
    this.accounts.remember(record);
    return toAccountResponse(record);
  }
}
