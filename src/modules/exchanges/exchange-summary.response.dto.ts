import { ApiProperty } from '@nestjs/swagger';
import { TIMEFRAMES, type Timeframe } from '../../infrastructure/exchanges/market-data.types';

export class ExchangeCapabilitiesDto {
  @ApiProperty({ description: 'Whether accounts can trade on this venue' })
  trading!: boolean;

  @ApiProperty({ description: 'Whether the venue streams live trades, books, candles and tickers' })
  streams!: boolean;

  @ApiProperty({ description: 'The most candles one fetchOHLCV request returns', example: 1500 })
  ohlcvPageSize!: number;

  @ApiProperty({
    description: 'How far back fetchTrades reaches, in ms; null when unbounded',
    nullable: true,
    type: Number,
  })
  tradesRestWindowMs!: number | null;

  @ApiProperty({ enum: TIMEFRAMES, isArray: true })
  timeframes!: readonly Timeframe[];
}

export class ExchangeSummaryDto {
  @ApiProperty({ example: 'sim' })
  id!: string;

  @ApiProperty({ type: ExchangeCapabilitiesDto })
  capabilities!: ExchangeCapabilitiesDto;
}

export class ListExchangesResponseDto {
  @ApiProperty({ type: ExchangeSummaryDto, isArray: true })
  exchanges!: ExchangeSummaryDto[];
}
