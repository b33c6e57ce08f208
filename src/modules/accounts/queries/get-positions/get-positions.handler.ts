import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountDirectory } from '../../account-directory';
import { PositionsReader } from '../../positions.reader';
import { GetPositionsQuery } from './get-positions.query';
import type { PositionResponseDto } from './position.response.dto';

@QueryHandler(GetPositionsQuery)
export class GetPositionsHandler implements IQueryHandler<GetPositionsQuery> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly positions: PositionsReader,
  ) {}

  async execute({ accountId }: GetPositionsQuery): Promise<PositionResponseDto[]> {
    await this.accounts.get(accountId);
    return this.positions.views(accountId);
  }
}
