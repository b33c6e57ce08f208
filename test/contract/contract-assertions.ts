import type {
  Market,
  OHLCV,
  OrderBook,
  Ticker,
  Trade,
} from '../../src/infrastructure/exchanges/market-data.types';
import type { VenueBalance } from '../../src/infrastructure/exchanges/trading.types';
import { Dec } from '../../src/domain/shared/decimal';

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function expectDecimalString(value: unknown, what: string): void {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new Error(`${what} must be a plain decimal string, got ${JSON.stringify(value)}`);
  }
}

export function expectPositiveDecimal(value: unknown, what: string): void {
  expectDecimalString(value, what);
  expect(new Dec(value as string).gt(0)).toBe(true);
}

export function expectMarketShape(market: Market): void {
  expect(market.symbol).toMatch(/^[A-Z0-9]+\/[A-Z0-9]+(:[A-Z0-9]+)?$/);
  expect(typeof market.id).toBe('string');
  expectPositiveDecimal(market.tickSize, `${market.symbol} tickSize`);
  expectPositiveDecimal(market.lotSize, `${market.symbol} lotSize`);
  expectPositiveDecimal(market.minQuantity, `${market.symbol} minQuantity`);
  expectPositiveDecimal(market.contractSize, `${market.symbol} contractSize`);
  expect(['swap', 'future', 'spot']).toContain(market.type);
  // Derivatives must say how they settle: margin and PnL maths depend on it.
  if (market.type !== 'spot') expect(['linear', 'inverse']).toContain(market.contractType);
  if (market.maxLeverage !== null) expect(market.maxLeverage).toBeGreaterThanOrEqual(1);
}

export function expectTradeShape(trade: Trade, symbol: string): void {
  expect(trade.symbol).toBe(symbol);
  expect(typeof trade.id).toBe('string');
  expect(Number.isFinite(trade.timestamp)).toBe(true);
  expect(trade.datetime).toBe(new Date(trade.timestamp).toISOString());
  expect(['buy', 'sell']).toContain(trade.side);
  expect(trade.price).toBeGreaterThan(0);
  expect(trade.amount).toBeGreaterThan(0);
  expect(Number.isFinite(trade.cost)).toBe(true);
}

export function expectAscendingTimestamps(timestamps: number[], strictly: boolean): void {
  for (let i = 1; i < timestamps.length; i++) {
    const [previous, current] = [timestamps[i - 1] ?? 0, timestamps[i] ?? 0];
    if (strictly ? current <= previous : current < previous) {
      throw new Error(`timestamps not ascending at ${i}: ${previous} then ${current}`);
    }
  }
}

export function expectCandleShape(candle: OHLCV): void {
  expect(candle).toHaveLength(6);
  for (const value of candle) expect(Number.isFinite(value)).toBe(true);
  const [, open, high, low, close, volume] = candle;
  expect(high).toBeGreaterThanOrEqual(Math.max(open, close, low));
  expect(low).toBeLessThanOrEqual(Math.min(open, close));
  expect(low).toBeGreaterThan(0);
  expect(volume).toBeGreaterThanOrEqual(0);
}

/** Sorted sides, positive sizes, not crossed: what any consumer of a book may rely on. */
export function expectConsistentBook(book: OrderBook, symbol: string): void {
  expect(book.symbol).toBe(symbol);
  expect(book.bids.length + book.asks.length).toBeGreaterThan(0);
  for (const [price, size] of [...book.bids, ...book.asks]) {
    expect(price).toBeGreaterThan(0);
    expect(size).toBeGreaterThan(0);
  }
  for (let i = 1; i < book.bids.length; i++) {
    expect(book.bids[i]?.[0]).toBeLessThan(book.bids[i - 1]?.[0] ?? Number.NaN);
  }
  for (let i = 1; i < book.asks.length; i++) {
    expect(book.asks[i]?.[0]).toBeGreaterThan(book.asks[i - 1]?.[0] ?? Number.NaN);
  }
  const [bestBid] = book.bids[0] ?? [];
  const [bestAsk] = book.asks[0] ?? [];
  if (bestBid !== undefined && bestAsk !== undefined) expect(bestBid).toBeLessThan(bestAsk);
}

const TICKER_NUMBERS: readonly (keyof Ticker)[] = [
  'last',
  'bid',
  'ask',
  'high',
  'low',
  'open',
  'close',
  'baseVolume',
  'quoteVolume',
  'percentage',
  'markPrice',
  'indexPrice',
  'openInterest',
  'openInterestValue',
  'fundingRate',
  'nextFundingTime',
];

export function expectTickerShape(ticker: Ticker, symbol: string): void {
  expect(ticker.symbol).toBe(symbol);
  expect(Number.isFinite(ticker.timestamp)).toBe(true);
  expect(ticker.datetime).toBe(new Date(ticker.timestamp).toISOString());
  for (const field of TICKER_NUMBERS) {
    expect(field in ticker).toBe(true);
    const value = ticker[field];
    if (value !== null) expect(Number.isFinite(value)).toBe(true);
  }
  expect(ticker.last).not.toBeNull();
  if (ticker.bid !== null && ticker.ask !== null) expect(ticker.bid).toBeLessThanOrEqual(ticker.ask);
}

/** total = free + used, exactly, for every currency. */
export function expectBalancesAddUp(balances: VenueBalance[]): void {
  expect(balances.length).toBeGreaterThan(0);
  for (const b of balances) {
    expectDecimalString(b.total, `${b.currency} total`);
    expectDecimalString(b.free, `${b.currency} free`);
    expectDecimalString(b.used, `${b.currency} used`);
    expect(new Dec(b.free).plus(b.used).eq(b.total)).toBe(true);
  }
}
