import { Command } from '@nestjs/cqrs';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';
import type { StrategyConfigurationRequestDto } from '../register-strategy/strategy-configuration.request.dto';

export class ReconfigureStrategyCommand extends Command<StrategyResponseDto> {
  constructor(
    readonly strategyId: string,
    readonly request: StrategyConfigurationRequestDto,
  ) {
    super();
  }
}
