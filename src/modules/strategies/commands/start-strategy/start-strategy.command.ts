import { Command } from '@nestjs/cqrs';
import type { StrategyMode } from '../../../../domain/strategy/lifecycle';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';

export class StartStrategyCommand extends Command<StrategyResponseDto> {
  constructor(
    readonly strategyId: string,
    readonly mode: StrategyMode,
  ) {
    super();
  }
}
