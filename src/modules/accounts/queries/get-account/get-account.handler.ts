import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountDirectory } from '../../account-directory';
import { toAccountResponse, type AccountResponseDto } from './account.response.dto';
import { GetAccountQuery, ListAccountsQuery } from './get-account.query';

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly accounts: AccountDirectory) {}

  async execute({ accountId }: GetAccountQuery): Promise<AccountResponseDto> {
    return toAccountResponse(await this.accounts.get(accountId));
  }
}

@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(private readonly accounts: AccountDirectory) {}

  async execute({ limit }: ListAccountsQuery): Promise<AccountResponseDto[]> {
    return (await this.accounts.list(limit)).map(toAccountResponse);
  }
}
