import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DeliveryStatus } from '../../webhook-deliveries.repository';

export class ListDeliveriesRequestDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'dead', 'cancelled'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'dead', 'cancelled'])
  status?: DeliveryStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
