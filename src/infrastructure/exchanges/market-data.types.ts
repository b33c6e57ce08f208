/**
 * Market data in ccxt's shapes (numbers, as ccxt returns them: ARCHITECTURE.md §6), so a frontend
 * that used ccxt can switch without changes. Symbols are ccxt unified symbols ('BTC/USDT:USDT').
 */

export const TIMEFRAMES = [
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
};

export interface Market {
  /** ccxt unified symbol, e.g. 'BTC/USDT:USDT'. */
  symbol: string;
  /** The venue's own id, e.g. 'BTCUSDT'. */
  id: string;
  base: string;
  quote: string;
  settle: string | null;
  type: 'swap' | 'future' | 'spot';
  contractType: 'linear' | 'inverse' | null;
  /** Decimal strings: they become order prices and quantities. */
  tickSize: string;
  lotSize: string;
  minQuantity: string;
  contractSize: string;
  maxLeverage: number | null;
  active: boolean;
}

export interface Trade {
  id: string;
  timestamp: number;
  datetime: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: number;
  amount: number;
  cost: number;
}

/** [timestamp, open, high, low, close, volume], ascending by timestamp. */
export type OHLCV = [number, number, number, number, number, number];

export interface CandleUpdate {
  symbol: string;
  timeframe: Timeframe;
  candle: OHLCV;
  /** True once the candle's period has ended: only closed candles are final. */
  closed: boolean;
}

export interface OrderBook {
  symbol: string;
  /** Descending by price. */
  bids: [number, number][];
  /** Ascending by price. */
  asks: [number, number][];
  timestamp: number;
  datetime: string;
  /** The venue's sequence number of this book, where it has one. */
  nonce: number | null;
}

export interface Ticker {
  symbol: string;
  timestamp: number;
  datetime: string;
  last: number | null;
  bid: number | null;
  ask: number | null;
  high: number | null;
  low: number | null;
  open: number | null;
  close: number | null;
  baseVolume: number | null;
  quoteVolume: number | null;
  percentage: number | null;
  markPrice: number | null;
  indexPrice: number | null;
  openInterest: number | null;
  openInterestValue: number | null;
  fundingRate: number | null;
  nextFundingTime: number | null;
}

export interface SinceLimit {
  /** Inclusive start, ms since the epoch. */
  since?: number;
  limit?: number;
}
