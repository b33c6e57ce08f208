import type {
  MarketInterface as CcxtMarket,
  OHLCV as CcxtOHLCV,
  OrderBook as CcxtOrderBook,
  Ticker as CcxtTicker,
  Trade as CcxtTrade,
} from 'ccxt';
import type { Market, OHLCV, OrderBook, Ticker, Trade } from '../market-data.types';

/**
 * ccxt's unified shapes narrowed to the port's. Rows that fail validation come back as `undefined`
 * so the caller can skip them with a warning and a metric instead of failing the whole answer.
 */
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const orNull = (value: unknown): number | null => (finite(value) ? value : null);

/** A decimal string for a ccxt number (ccxt's own formatter avoids exponent notation). */
export type NumberToString = (value: number) => string;

export function toMarket(market: CcxtMarket, numberToString: NumberToString): Market | undefined {
  if (market.symbol === undefined || market.id === undefined) return undefined;
  const decimal = (value: number | undefined, fallback: string): string =>
    finite(value) ? numberToString(value) : fallback;
  const type = market.type === 'future' || market.type === 'spot' ? market.type : 'swap';
  return {
    symbol: market.symbol,
    id: market.id,
    base: market.base,
    quote: market.quote,
    settle: market.settle ?? null,
    type,
    contractType: market.linear === true ? 'linear' : market.inverse === true ? 'inverse' : null,
    tickSize: decimal(market.precision.price, '0'),
    lotSize: decimal(market.precision.amount, '0'),
    minQuantity: decimal(market.limits.amount?.min, decimal(market.precision.amount, '0')),
    contractSize: decimal(market.contractSize, '1'),
    maxLeverage: orNull(market.limits.leverage?.max),
    active: market.active !== false,
  };
}

export function toTrade(trade: CcxtTrade): Trade | undefined {
  const { price, amount, timestamp } = trade;
  if (!finite(price) || !finite(amount) || !finite(timestamp) || price <= 0 || amount <= 0) return undefined;
  if (trade.side !== 'buy' && trade.side !== 'sell') return undefined;
  return {
    id: String(trade.id ?? `${timestamp}-${price}-${amount}`),
    timestamp,
    datetime: new Date(timestamp).toISOString(),
    symbol: trade.symbol ?? '',
    side: trade.side,
    price,
    amount,
    cost: finite(trade.cost) ? trade.cost : price * amount,
  };
}

export function toCandle(row: CcxtOHLCV): OHLCV | undefined {
  if (!Array.isArray(row) || row.length < 6) return undefined;
  const [timestamp, open, high, low, close, volume] = row;
  if (![timestamp, open, high, low, close, volume].every(finite)) return undefined;
  const candle = [timestamp, open, high, low, close, volume] as OHLCV;
  if (candle[2] < candle[3] || candle[5] < 0) return undefined;
  return candle;
}

export function toOrderBook(book: CcxtOrderBook, symbol: string, depth?: number): OrderBook {
  const side = (levels: unknown[]): [number, number][] => {
    const out: [number, number][] = [];
    for (const level of levels) {
      if (!Array.isArray(level)) continue;
      const [price, amount] = level as unknown[];
      if (finite(price) && finite(amount) && amount > 0) out.push([price, amount]);
      if (depth !== undefined && out.length >= depth) break;
    }
    return out;
  };
  const bids = side(book.bids).sort((a, b) => b[0] - a[0]);
  const asks = side(book.asks).sort((a, b) => a[0] - b[0]);
  const timestamp = finite(book.timestamp) ? book.timestamp : Date.now();
  return {
    symbol: book.symbol ?? symbol,
    bids,
    asks,
    timestamp,
    datetime: new Date(timestamp).toISOString(),
    nonce: orNull(book.nonce),
  };
}

export function toTicker(ticker: CcxtTicker, symbol: string): Ticker {
  const info = (ticker.info ?? {}) as Record<string, unknown>;
  const timestamp = finite(ticker.timestamp) ? ticker.timestamp : Date.now();
  const raw = (...keys: string[]): number | null => {
    for (const key of keys) {
      const value = Number(info[key]);
      if (info[key] !== undefined && info[key] !== '' && Number.isFinite(value)) return value;
    }
    return null;
  };
  return {
    symbol: ticker.symbol ?? symbol,
    timestamp,
    datetime: new Date(timestamp).toISOString(),
    last: orNull(ticker.last),
    bid: orNull(ticker.bid),
    ask: orNull(ticker.ask),
    high: orNull(ticker.high),
    low: orNull(ticker.low),
    open: orNull(ticker.open),
    close: orNull(ticker.close),
    baseVolume: orNull(ticker.baseVolume),
    quoteVolume: orNull(ticker.quoteVolume),
    percentage: orNull(ticker.percentage),
    markPrice: orNull(ticker.markPrice) ?? raw('markPrice', 'markPx'),
    indexPrice: orNull(ticker.indexPrice) ?? raw('indexPrice', 'oraclePx'),
    // ccxt's unified ticker has no open interest or funding: venues put them in `info`.
    openInterest: raw('openInterest'),
    openInterestValue: raw('openInterestValue'),
    fundingRate: raw('fundingRate', 'lastFundingRate', 'funding'),
    nextFundingTime: raw('nextFundingTime'),
  };
}
