import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StrategyStopped } from '../../../../domain/strategy/lifecycle';
import { StrategyJournal } from '../../strategy-journal';
import { GetStrategyQuery } from './get-strategy.query';
import type { StrategyResponseDto } from './strategy.response.dto';
import { StrategyViews } from './strategy-views';

/** From the stream (never behind a projection), with the live runtime or the final snapshot. */
@QueryHandler(GetStrategyQuery)
export class GetStrategyHandler implements IQueryHandler<GetStrategyQuery> {
  constructor(
    private readonly journal: StrategyJournal,
    private readonly views: StrategyViews,
  ) {}

  async execute({ strategyId }: GetStrategyQuery): Promise<StrategyResponseDto> {
    const state = await this.journal.load(strategyId); // throws StrategyNotFoundError for an unknown id
    let stopped: StrategyStopped | undefined;
    if (state.status === 'stopped') {
      const events = await this.journal.events(strategyId);
      stopped = events
        .map((e) => e.data as StrategyStopped)
        .filter((e) => e.type === 'StrategyStopped')
        .at(-1);
    }
    return this.views.of(state, stopped);
  }
}
