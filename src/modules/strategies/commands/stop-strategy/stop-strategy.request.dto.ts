import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class StopStrategyRequestDto {
  @ApiPropertyOptional({
    default: false,
    description: "Also close the run's net position per symbol with reduce-only market orders.",
  })
  @IsOptional()
  @IsBoolean()
  closePositions?: boolean;
}
