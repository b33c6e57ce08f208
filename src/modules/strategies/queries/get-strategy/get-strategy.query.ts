import { Query } from '@nestjs/cqrs';
import type { StrategyResponseDto } from './strategy.response.dto';

export class GetStrategyQuery extends Query<StrategyResponseDto> {
  constructor(readonly strategyId: string) {
    super();
  }
}
