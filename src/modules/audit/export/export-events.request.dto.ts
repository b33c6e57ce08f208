import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import type { ExportFormat } from './event-exporter';

export class ExportEventsRequestDto {
  @ApiPropertyOptional({ enum: ['jsonl', 'csv'], default: 'jsonl' })
  @IsOptional()
  @IsIn(['jsonl', 'csv'])
  format?: ExportFormat;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt >= from' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt < to' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
