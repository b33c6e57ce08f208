import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OpenOrderSnapshot, PositionSnapshot, StrategyRuntimeView } from '../../../../domain/strategy';

export class StrategyConfigurationDto {
  @ApiProperty({ description: 'Bumped by each reconfiguration.' }) version!: number;
  @ApiProperty({ example: 'oi-momentum' }) strategy!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Validated, defaults filled in.' })
  params!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) symbols!: readonly string[];
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: '1m' }) timeframe!: string;
  @ApiProperty({ nullable: true, type: String }) leader!: string | null;
}

export class StrategyRuntimeDto {
  @ApiProperty({
    enum: ['live', 'final'],
    description: 'live: the running session now; final: the snapshot recorded at the stop.',
  })
  source!: 'live' | 'final';
  @ApiProperty({ description: 'Strategy clock time (ms).', nullable: true, type: Number }) at!: number | null;
  @ApiProperty({
    nullable: true,
    description:
      "The strategy's table: columns and rows of plain values (oi-momentum: per symbol state, mark, priceMovePct, oiValue, oiMovePct, nextFundingTime, fundingCountdownS) and notes.",
    type: 'object',
    additionalProperties: true,
  })
  table!: StrategyRuntimeView | null;
  @ApiPropertyOptional({
    description: "The run's positions from its own fills (live only).",
    type: 'array',
    items: { type: 'object' },
  })
  positions?: readonly PositionSnapshot[];
  @ApiPropertyOptional({
    description: "The run's open orders as the strategy sees them (live only).",
    type: 'array',
    items: { type: 'object' },
  })
  openOrders?: readonly OpenOrderSnapshot[];
}

export class StrategyResponseDto {
  @ApiProperty({ example: 'stg_3f2a9c1b7d4e' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['registered', 'running', 'stopped'] }) status!: string;
  @ApiProperty({ enum: ['paper', 'live'], nullable: true, type: String }) mode!: string | null;
  @ApiProperty({ description: 'The current or last run (0 before the first start).' }) run!: number;
  @ApiProperty({ type: StrategyConfigurationDto }) configuration!: StrategyConfigurationDto;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Signals recorded in the current or last run (GET /v1/strategies/{id}; null in the list).',
  })
  signals!: number | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: '{hook, message, at} of a failed run.',
  })
  lastFailure!: Record<string, unknown> | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: '{reason, at} of the last stop.',
  })
  lastStop!: Record<string, unknown> | null;
  @ApiProperty({
    nullable: true,
    type: StrategyRuntimeDto,
    description: 'Runtime state: live while running here, else the final snapshot.',
  })
  runtime!: StrategyRuntimeDto | null;
}
