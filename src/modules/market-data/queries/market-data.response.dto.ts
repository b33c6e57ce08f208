import { ApiProperty } from '@nestjs/swagger';

/** ccxt's trade structure (numbers, as ccxt gives them). */
export class TradeDto {
  @ApiProperty({ example: '184467' }) id!: string;
  @ApiProperty({ example: 1_700_000_000_123, description: 'ms since the epoch' }) timestamp!: number;
  @ApiProperty({ example: '2023-11-14T22:13:20.123Z' }) datetime!: string;
  @ApiProperty({ example: 'BTC/USDT:USDT' }) symbol!: string;
  @ApiProperty({ enum: ['buy', 'sell'], description: "The taker's side" }) side!: 'buy' | 'sell';
  @ApiProperty({ example: 64250.5 }) price!: number;
  @ApiProperty({ example: 0.012 }) amount!: number;
  @ApiProperty({ example: 771.006 }) cost!: number;
}

/** ccxt's order book structure. */
export class OrderBookDto {
  @ApiProperty({ example: 'BTC/USDT:USDT' }) symbol!: string;
  @ApiProperty({
    description: '[price, amount] levels, best (highest) first',
    type: 'array',
    items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    example: [[64250.4, 1.2]],
  })
  bids!: [number, number][];
  @ApiProperty({
    description: '[price, amount] levels, best (lowest) first',
    type: 'array',
    items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    example: [[64250.5, 0.8]],
  })
  asks!: [number, number][];
  @ApiProperty({ example: 1_700_000_000_000 }) timestamp!: number;
  @ApiProperty({ example: '2023-11-14T22:13:20.000Z' }) datetime!: string;
  @ApiProperty({ nullable: true, type: Number, description: "The venue's sequence number, where it has one" })
  nonce!: number | null;
}

/** The market structure: ccxt's identifying fields, with tick and lot sizes as decimal strings. */
export class MarketDto {
  @ApiProperty({ example: 'BTC/USDT:USDT', description: 'ccxt unified symbol' }) symbol!: string;
  @ApiProperty({ example: 'BTCUSDT', description: "The venue's own id" }) id!: string;
  @ApiProperty({ example: 'BTC' }) base!: string;
  @ApiProperty({ example: 'USDT' }) quote!: string;
  @ApiProperty({ nullable: true, type: String, example: 'USDT' }) settle!: string | null;
  @ApiProperty({ enum: ['swap', 'future', 'spot'] }) type!: 'swap' | 'future' | 'spot';
  @ApiProperty({ enum: ['linear', 'inverse'], nullable: true }) contractType!: 'linear' | 'inverse' | null;
  @ApiProperty({ example: '0.1' }) tickSize!: string;
  @ApiProperty({ example: '0.001' }) lotSize!: string;
  @ApiProperty({ example: '0.001' }) minQuantity!: string;
  @ApiProperty({ example: '1' }) contractSize!: string;
  @ApiProperty({ nullable: true, type: Number, example: 125 }) maxLeverage!: number | null;
  @ApiProperty() active!: boolean;
}

/** fetchOHLCV's answer: [timestamp, open, high, low, close, volume] rows, ascending. */
export const OHLCV_SCHEMA = {
  type: 'array' as const,
  description: '[timestamp, open, high, low, close, volume] rows, ascending by open time',
  items: { type: 'array' as const, items: { type: 'number' as const }, minItems: 6, maxItems: 6 },
  example: [[1_700_000_000_000, 64250.5, 64300, 64200.1, 64280, 12.5]],
};
