import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';

export class StrategyEventsRequestDto {
  @ApiPropertyOptional({ enum: ['jsonl', 'json'], default: 'json' })
  @IsOptional()
  @IsIn(['jsonl', 'json'])
  format?: 'jsonl' | 'json';

  @ApiPropertyOptional({
    description: 'The run (default: the current or last one; 0: configuration events before any run).',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  run?: number;
}
