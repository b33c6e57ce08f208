import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';

export class TripKillSwitchRequestDto {
  @ApiProperty({ example: 'venue outage', description: 'Why: kept in the KillSwitchTripped event.' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Also close every position with reduce-only market orders.',
  })
  @IsOptional()
  @IsBoolean()
  flatten?: boolean;
}

export class RearmKillSwitchRequestDto {
  @ApiProperty({ example: 'incident closed' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'REDUCING'], default: 'ACTIVE' })
  @IsOptional()
  @IsIn(['ACTIVE', 'REDUCING'])
  to?: 'ACTIVE' | 'REDUCING';
}

export class SetRiskModeRequestDto {
  @ApiProperty({ enum: ['ACTIVE', 'REDUCING'] })
  @IsIn(['ACTIVE', 'REDUCING'])
  mode!: 'ACTIVE' | 'REDUCING';

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  reason!: string;
}
