import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { StrategyMode } from '../../../../domain/strategy/lifecycle';

export class StartStrategyRequestDto {
  @ApiProperty({
    enum: ['paper', 'live'],
    description:
      "paper: a sim or paper<venue> account (live data, the matching engine against the live book); live: the account's venue.",
  })
  @IsIn(['paper', 'live'])
  mode!: StrategyMode;
}
