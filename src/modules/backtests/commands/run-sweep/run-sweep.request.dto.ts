import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { SWEEP_METRICS, type SweepMetric } from '../../backtest-request';
import { RunBacktestRequestDto } from '../run-backtest/run-backtest.request.dto';

export class WalkForwardDto {
  @ApiProperty({ example: 3, description: 'test windows cut from the last (1 - trainFraction) of the bars' })
  @IsInt()
  @Min(1)
  @Max(20)
  folds!: number;

  @ApiPropertyOptional({
    example: 0.7,
    description: 'share of the bars before the first test window (default 0.7)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  @Max(0.95)
  trainFraction?: number;
}

export class RunSweepRequestDto extends RunBacktestRequestDto {
  @ApiProperty({
    example: { fast: [5, 10, 20], slow: [30, 50] },
    description: 'parameter values to combine (every combination runs; at most 200), over the base params',
  })
  @IsObject()
  grid!: Record<string, unknown>;

  @ApiProperty({
    enum: SWEEP_METRICS,
    example: 'sharpe',
    description: 'best first (maxDrawdown: lowest first)',
  })
  @IsIn(SWEEP_METRICS)
  rankBy!: SweepMetric;

  @ApiPropertyOptional({
    type: WalkForwardDto,
    description: 'anchored walk-forward: best on each train part, run on the next window',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WalkForwardDto)
  walkForward?: WalkForwardDto;
}
