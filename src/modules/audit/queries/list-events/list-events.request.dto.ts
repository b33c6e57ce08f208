import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class ListEventsRequestDto {
  @ApiPropertyOptional({ description: 'Only this stream.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  stream?: string;

  @ApiPropertyOptional({ description: 'Only this event type.', example: 'ApiKeyCreated' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  type?: string;

  @ApiPropertyOptional({ description: 'Only events of this actor (an API key id or system:<job>).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ description: 'Only events of this correlation id.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  correlationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt >= from' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt < to' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    description: 'The cursor: nextCursor of the previous page (a position).',
    example: '0',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'after must be a position (digits)' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
