import { Command } from '@nestjs/cqrs';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';
import type { RegisterStrategyRequestDto } from './register-strategy.request.dto';

export class RegisterStrategyCommand extends Command<StrategyResponseDto> {
  constructor(readonly request: RegisterStrategyRequestDto) {
    super();
  }
}
