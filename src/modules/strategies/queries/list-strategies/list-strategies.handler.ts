import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StrategiesRepository } from '../../strategies.repository';
import { StrategyViews } from '../get-strategy/strategy-views';
import type { StrategyResponseDto } from '../get-strategy/strategy.response.dto';
import { ListStrategiesQuery } from './list-strategies.query';

/** The read model, newest first (a just-registered strategy appears once the projection has it). */
@QueryHandler(ListStrategiesQuery)
export class ListStrategiesHandler implements IQueryHandler<ListStrategiesQuery> {
  constructor(
    private readonly repository: StrategiesRepository,
    private readonly views: StrategyViews,
  ) {}

  async execute({ filter }: ListStrategiesQuery): Promise<StrategyResponseDto[]> {
    const rows = await this.repository.list({
      status: filter.status,
      accountId: filter.accountId,
      limit: filter.limit ?? 100,
    });
    return rows.map((r) => this.views.ofRow(r));
  }
}
