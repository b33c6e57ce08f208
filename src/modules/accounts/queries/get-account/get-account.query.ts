import { Query } from '@nestjs/cqrs';
import type { AccountResponseDto } from './account.response.dto';

export class GetAccountQuery extends Query<AccountResponseDto> {
  constructor(readonly accountId: string) {
    super();
  }
}

export class ListAccountsQuery extends Query<AccountResponseDto[]> {
  constructor(readonly limit: number) {
    super();
  }
}
