import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsDefined, IsObject, IsOptional, IsString } from 'class-validator';

/**
 * The body of fetchTrades / fetchOHLCV / fetchOrderBook, ccxt's arguments by name. `since`, `limit`,
 * `timeframe` and `symbol` are checked by the market-data parsers (so each failure has its own code:
 * BAD_SINCE, BAD_LIMIT, BAD_TIMEFRAME, BAD_SYMBOL), never coerced from another type.
 */
export class MarketDataRequestDto {
  @ApiProperty({ example: 'sim', description: 'A configured exchange id (GET /v1/exchanges).' })
  @IsString()
  exchange!: string;

  @ApiProperty({
    type: String,
    example: 'BTC/USDT:USDT',
    description: "ccxt's unified symbol or the venue's native id (BTCUSDT); answers use the unified one.",
  })
  @IsDefined()
  symbol!: unknown;

  @ApiPropertyOptional({
    type: String,
    example: '1m',
    description: 'fetchOHLCV only (default 1m): one of the timeframes the exchange serves.',
  })
  @Allow()
  timeframe?: unknown;

  @ApiPropertyOptional({
    type: Number,
    example: 1_700_000_000_000,
    description: 'Inclusive start in ms since the epoch: a whole number, not negative, not in the future.',
  })
  @Allow()
  since?: unknown;

  @ApiPropertyOptional({
    type: Number,
    example: 100,
    description: 'The most items to answer (see each operation).',
  })
  @Allow()
  limit?: unknown;

  @ApiPropertyOptional({
    type: Object,
    description: 'Accepted for ccxt compatibility and ignored: since and limit mean the same on every venue.',
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}
