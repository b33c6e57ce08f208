import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TIMEFRAMES, type Timeframe } from '../../../../infrastructure/exchanges/market-data.types';

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const RATE = /^-?(0|[1-9]\d*)(\.\d{1,8})?$/;

export class BacktestFeesDto {
  @ApiProperty({ example: '0.0002', description: 'maker fee rate (negative: a rebate), at most 8 decimals' })
  @IsString()
  @Matches(RATE, { message: 'maker must be a decimal string with at most 8 decimals' })
  maker!: string;

  @ApiProperty({ example: '0.0005', description: 'taker fee rate, at most 8 decimals' })
  @IsString()
  @Matches(RATE, { message: 'taker must be a decimal string with at most 8 decimals' })
  taker!: string;
}

export class BacktestFundingDto {
  @ApiProperty({ description: 'charge funding on open positions every 8 hours' })
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ example: 0.0001, description: 'rate per funding interval (default 0.0001)' })
  @IsOptional()
  @IsNumber()
  @Min(-0.01)
  @Max(0.01)
  defaultRate?: number;
}

export class RunBacktestRequestDto {
  @ApiProperty({ example: 'sma-cross', description: 'a strategy id from GET /v1/strategies/catalog' })
  @IsString()
  strategy!: string;

  @ApiPropertyOptional({
    example: { fast: 10, slow: 30, mode: 'long-short', quantity: 0.01 },
    description: "the strategy's parameters, validated against its JSON schema (defaults filled in)",
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiProperty({ example: 'sim' })
  @IsString()
  exchange!: string;

  @ApiProperty({ example: ['BTC/USDT:USDT'], description: 'one symbol per backtest for now' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1, {
    message: 'symbols: one symbol per backtest (multi-symbol portfolios are not built yet)',
  })
  @IsString({ each: true })
  symbols!: string[];

  @ApiProperty({ enum: TIMEFRAMES, example: '1h' })
  @IsIn(TIMEFRAMES)
  timeframe!: Timeframe;

  @ApiProperty({ example: 1704067200000, description: 'start, ms since the epoch (inclusive)' })
  @IsInt()
  @Min(0)
  from!: number;

  @ApiProperty({ example: 1706745600000, description: 'end, ms since the epoch (exclusive)' })
  @IsInt()
  @Min(1)
  to!: number;

  @ApiPropertyOptional({
    example: '10000',
    description: 'starting balance in the quote currency (default 10000)',
  })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'initialBalance must be a positive decimal string' })
  initialBalance?: string;

  @ApiPropertyOptional({ type: BacktestFeesDto, description: 'default maker 0.0002, taker 0.0005' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BacktestFeesDto)
  fees?: BacktestFeesDto;

  @ApiPropertyOptional({
    example: 2,
    description: 'slippage against market and stop fills, basis points (default 2)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  slippage?: number;

  @ApiPropertyOptional({ example: 0, description: 'signal to venue, ms (default 0: the next bar open)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  latencyMs?: number;

  @ApiPropertyOptional({ type: BacktestFundingDto, description: 'default on, 0.0001 every 8 hours' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BacktestFundingDto)
  funding?: BacktestFundingDto;
}
