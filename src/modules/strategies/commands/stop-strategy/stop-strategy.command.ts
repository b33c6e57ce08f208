import { Command } from '@nestjs/cqrs';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';

export class StopStrategyCommand extends Command<StrategyResponseDto> {
  constructor(
    readonly strategyId: string,
    readonly closePositions: boolean,
  ) {
    super();
  }
}
