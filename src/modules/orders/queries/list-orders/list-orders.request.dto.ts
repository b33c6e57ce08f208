import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class ListOrdersRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) accountId?: string;

  @ApiPropertyOptional({
    example: 'open',
    description: 'A status, a comma-separated list, or `open` (new, accepted, working, partially_filled).',
  })
  @IsOptional()
  @Matches(
    /^(open|new|accepted|working|partially_filled|filled|cancelled|rejected|expired)(,(open|new|accepted|working|partially_filled|filled|cancelled|rejected|expired))*$/,
    {
      message: 'status must be open or order statuses separated by commas',
    },
  )
  status?: string;

  @ApiPropertyOptional({ example: 'BTC/USDT:USDT' }) @IsOptional() @IsString() @Length(1, 64) symbol?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
