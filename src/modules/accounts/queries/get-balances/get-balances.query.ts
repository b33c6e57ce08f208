import { Query } from '@nestjs/cqrs';
import type { BalanceResponseDto } from './balance.response.dto';

export class GetBalancesQuery extends Query<BalanceResponseDto[]> {
  constructor(readonly accountId: string) {
    super();
  }
}
