import { Query } from '@nestjs/cqrs';
import type { StrategyResponseDto } from '../get-strategy/strategy.response.dto';
import type { ListStrategiesRequestDto } from './list-strategies.request.dto';

export class ListStrategiesQuery extends Query<StrategyResponseDto[]> {
  constructor(readonly filter: ListStrategiesRequestDto) {
    super();
  }
}
