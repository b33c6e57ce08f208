import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountDirectory } from '../../account-directory';
import { PositionsReader } from '../../positions.reader';
import type { BalanceResponseDto } from './balance.response.dto';
import { GetBalancesQuery } from './get-balances.query';

@QueryHandler(GetBalancesQuery)
export class GetBalancesHandler implements IQueryHandler<GetBalancesQuery> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly positions: PositionsReader,
  ) {}

  async execute({ accountId }: GetBalancesQuery): Promise<BalanceResponseDto[]> {
    await this.accounts.get(accountId);
    return this.positions.balances(accountId);
  }
}
