import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class GetStreamRequestDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Replay events that occurred at or before this time.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ description: 'Replay up to and including this stream version.', example: '3' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'version must be a positive integer' })
  version?: string;
}
