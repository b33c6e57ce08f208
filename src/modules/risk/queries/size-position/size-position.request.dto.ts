import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class SizePositionRequestDto {
  @ApiProperty({ example: 'BTC/USDT:USDT' })
  @IsString()
  @Length(1, 64)
  symbol!: string;

  @ApiProperty({ example: '1', description: 'Percent of equity lost if the stop is hit.' })
  @IsString()
  riskPct!: string;

  @ApiProperty({ example: '62000' })
  @IsString()
  entryPrice!: string;

  @ApiProperty({ example: '61000' })
  @IsString()
  stopPrice!: string;

  @ApiPropertyOptional({
    description: "Equity to size from; default: the account's equity (ledger at the mark).",
  })
  @IsOptional()
  @IsString()
  equity?: string;
}
