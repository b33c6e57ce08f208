import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { TIMEFRAMES, type Timeframe } from '../../../../infrastructure/exchanges/market-data.types';

/** What a strategy runs with: shared by create and reconfigure. */
export class StrategyConfigurationRequestDto {
  @ApiPropertyOptional({
    description:
      "Parameters, validated against the strategy's JSON schema (GET /v1/strategies/catalog); defaults fill the rest.",
    example: { fast: 10, slow: 30 },
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiProperty({
    description: 'Symbols the strategy trades and watches (candles and tickers), ccxt form.',
    example: ['BTC/USDT:USDT'],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  symbols!: string[];

  @ApiProperty({
    description: 'The account whose orders the strategy places (its venue gives the market data).',
  })
  @IsString()
  @Length(1, 64)
  accountId!: string;

  @ApiPropertyOptional({
    enum: TIMEFRAMES,
    default: '1m',
    description: 'The confirmed candles fed to onCandle.',
  })
  @IsOptional()
  @IsIn(TIMEFRAMES)
  timeframe?: Timeframe;

  @ApiPropertyOptional({
    description: 'copy-trader only: the followed Hyperliquid address (its userFills are mirrored).',
    example: '0x0000000000000000000000000000000000000abc',
  })
  @IsOptional()
  @Matches(/^0x[0-9a-fA-F]{40}$/, { message: 'leader must be a 0x-prefixed 40-hex-digit address' })
  leader?: string;
}
