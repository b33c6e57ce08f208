import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

export const WARMUP_MAX_CANDLES = 100_000;

export class StartWarmupRequestDto {
  @ApiProperty({ example: 'sim', description: 'A configured exchange id.' })
  @IsString()
  exchange!: string;

  @ApiProperty({ example: ['BTC/USDT:USDT', 'ETHUSDT'], description: 'ccxt or native symbols.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  symbols!: string[];

  @ApiProperty({ example: ['1d', '1h', '1m'], description: 'Timeframes the exchange serves.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  timeframes!: string[];

  @ApiProperty({
    example: 1000,
    minimum: 1,
    maximum: WARMUP_MAX_CANDLES,
    description: 'How many of the latest closed candles each (symbol, timeframe) should have in the store.',
  })
  @IsInt()
  @Min(1)
  @Max(WARMUP_MAX_CANDLES)
  candles!: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Plan only: the schedule is answered (status planned) and never run.',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
