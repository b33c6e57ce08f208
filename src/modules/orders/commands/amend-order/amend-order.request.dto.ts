import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** At least one field; the venue confirms the amend before the order's terms change. */
export class AmendOrderRequestDto {
  @ApiPropertyOptional({ example: '61990.5', description: 'New limit price (decimal string on the tick).' })
  @IsOptional()
  @IsString()
  price?: string;

  @ApiPropertyOptional({ example: '0.02', description: 'New total quantity, the filled part included.' })
  @IsOptional()
  @IsString()
  quantity?: string;

  @ApiPropertyOptional({
    description:
      'Refused (400 NOT_ALLOWED): venues are not asked to move a trigger; cancel and place a new order.',
  })
  @IsOptional()
  @IsString()
  triggerPrice?: string;
}
