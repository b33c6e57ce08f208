import { Command } from '@nestjs/cqrs';
import type { WarmupResponseDto } from '../../queries/get-warmup/get-warmup.response.dto';
import type { StartWarmupRequestDto } from './start-warmup.request.dto';

export class StartWarmupCommand extends Command<WarmupResponseDto> {
  constructor(readonly request: StartWarmupRequestDto) {
    super();
  }
}
