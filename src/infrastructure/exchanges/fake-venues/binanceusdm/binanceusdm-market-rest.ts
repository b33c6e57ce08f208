import { candlesFromStart, intervalToMs, optionalInt } from '../shared/candle-window';
import { FakeRequest, FakeResponse, ok } from '../shared/fake-venue-server';
import { FaultController } from '../shared/fault-controller';
import { Candle, MarketDataSet, Trade } from '../shared/market-data-set';
import { binanceSymbolId, exchangeInfo, INVALID_SYMBOL, invalidParameter } from './binanceusdm-fixtures';

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];
const bad = (body: unknown): FakeResponse => ({ status: 400, body });

/** Public `/fapi/v1/*` market data in Binance USDⓈ-M wire format. */
export class BinanceUsdmMarketRest {
  constructor(
    private readonly data: MarketDataSet,
    private readonly faults: FaultController,
  ) {}

  route(request: FakeRequest): FakeResponse | undefined {
    switch (request.path) {
      case '/fapi/v1/ping':
        return ok({});
      case '/fapi/v1/time':
        return ok({ serverTime: this.data.now });
      case '/fapi/v1/exchangeInfo':
        return ok(
          exchangeInfo(
            this.data.coinNames.map((coin) => this.data.seed(coin)),
            this.data.now,
          ),
        );
      case '/fapi/v1/klines':
        return this.withCoin(request, (coin) => this.klines(coin, request));
      case '/fapi/v1/trades':
        return this.withCoin(request, (coin) => this.trades(coin, request));
      case '/fapi/v1/aggTrades':
        return this.withCoin(request, (coin) => this.aggTrades(coin, request));
      case '/fapi/v1/depth':
        return this.withCoin(request, (coin) => this.depth(coin, request));
      case '/fapi/v1/premiumIndex':
        return this.withCoin(request, (coin) => ok(this.premiumIndex(coin)));
      case '/fapi/v1/ticker/24hr':
        return this.withCoin(request, (coin) => ok(binanceTicker24hr(this.data, coin)));
      case '/fapi/v1/openInterest':
        return this.withCoin(request, (coin) => ok(this.openInterest(coin)));
      default:
        return undefined;
    }
  }

  private withCoin(request: FakeRequest, answer: (coin: string) => FakeResponse): FakeResponse {
    const id = request.params.symbol;
    const coin = this.data.coinNames.find((name) => binanceSymbolId(name) === id);
    return coin === undefined ? bad(INVALID_SYMBOL) : answer(coin);
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Kline-Candlestick-Data */
  private klines(coin: string, request: FakeRequest): FakeResponse {
    const intervalMs = intervalToMs(request.params.interval ?? '');
    if (intervalMs === undefined) return bad({ code: -1120, msg: 'Invalid interval.' });
    const limit = optionalInt(request.params.limit) ?? 500;
    if (limit < 1 || limit > 1500) return bad(invalidParameter('limit'));
    const candles = candlesFromStart(this.data.candles(coin, intervalMs), {
      start: optionalInt(request.params.startTime),
      end: optionalInt(request.params.endTime),
      limit,
    });
    const rows: unknown[] = candles.map((candle) => klineRow(candle, intervalMs));
    if (this.faults.takeMalformed('klines')) rows.push([candles.at(-1)?.openTime ?? 0, 'not-a-number', null]);
    return ok(rows);
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Recent-Trades-List */
  private trades(coin: string, request: FakeRequest): FakeResponse {
    const limit = Math.min(optionalInt(request.params.limit) ?? 500, 1000);
    const rows: unknown[] = this.data
      .trades(coin)
      .slice(-limit)
      .map((trade) => ({
        id: trade.id,
        price: trade.price,
        qty: trade.qty,
        quoteQty: (Number(trade.price) * Number(trade.qty)).toFixed(4),
        time: trade.time,
        isBuyerMaker: trade.side === 'sell',
      }));
    if (this.faults.takeMalformed('trades')) rows.push({ id: 'x', price: 'not-a-number', time: null });
    return ok(rows);
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Compressed-Aggregate-Trades-List */
  private aggTrades(coin: string, request: FakeRequest): FakeResponse {
    const start = optionalInt(request.params.startTime);
    const end = optionalInt(request.params.endTime);
    const limit = Math.min(optionalInt(request.params.limit) ?? 500, 1000);
    const inRange = this.data
      .trades(coin)
      .filter((t) => (start === undefined || t.time >= start) && (end === undefined || t.time <= end));
    const chosen = start === undefined ? inRange.slice(-limit) : inRange.slice(0, limit);
    const rows: unknown[] = chosen.map(aggTradeRow);
    if (this.faults.takeMalformed('trades')) rows.push({ a: 'x', p: 'not-a-number', T: null });
    return ok(rows);
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book */
  private depth(coin: string, request: FakeRequest): FakeResponse {
    const limit = optionalInt(request.params.limit) ?? 500;
    if (!DEPTH_LIMITS.includes(limit)) return bad(invalidParameter('limit'));
    const book = this.data.book(coin);
    const now = this.data.now;
    return ok({
      lastUpdateId: book.updateId,
      E: now,
      T: now - 13,
      bids: book.bids.slice(0, limit),
      asks: book.asks.slice(0, limit),
    });
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price */
  private premiumIndex(coin: string): Record<string, unknown> {
    const last = Number(this.data.lastPrice(coin));
    const decimals = this.data.seed(coin).priceDecimals + 2;
    const eightHours = 8 * 3_600_000;
    return {
      symbol: binanceSymbolId(coin),
      markPrice: (last * 1.0001).toFixed(decimals),
      indexPrice: (last * 0.9999).toFixed(decimals),
      estimatedSettlePrice: last.toFixed(decimals),
      lastFundingRate: '0.00010000',
      interestRate: '0.00010000',
      nextFundingTime: Math.ceil(this.data.now / eightHours) * eightHours,
      time: this.data.now,
    };
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Open-Interest */
  private openInterest(coin: string): Record<string, unknown> {
    return { openInterest: '10659.509', symbol: binanceSymbolId(coin), time: this.data.now };
  }
}

/** Positional kline row, as in the doc example (VENUES.md). */
export function klineRow(candle: Candle, intervalMs: number): unknown[] {
  const takerBase = (Number(candle.volume) / 2).toFixed(3);
  const takerQuote = (Number(candle.quoteVolume) / 2).toFixed(4);
  return [
    candle.openTime,
    candle.open,
    candle.high,
    candle.low,
    candle.close,
    candle.volume,
    candle.openTime + intervalMs - 1,
    candle.quoteVolume,
    candle.trades,
    takerBase,
    takerQuote,
    '0',
  ];
}

export function aggTradeRow(trade: Trade): Record<string, unknown> {
  return {
    a: trade.id,
    p: trade.price,
    q: trade.qty,
    f: trade.id,
    l: trade.id,
    T: trade.time,
    m: trade.side === 'sell',
  };
}

/**
 * The 24hr statistics, shared by REST and the `<symbol>@ticker` stream.
 * Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/24hr-Ticker-Price-Change-Statistics
 */
export function binanceTicker24hr(data: MarketDataSet, coin: string): Record<string, string | number> {
  const day = data.candles(coin).slice(-1_440);
  const first = day[0];
  const last = day.at(-1);
  if (!first || !last) throw new Error('no candles');
  const trades = data.trades(coin);
  const change = Number(last.close) - Number(first.open);
  const decimals = data.seed(coin).priceDecimals;
  const volume = day.reduce((sum, c) => sum + Number(c.volume), 0);
  const quoteVolume = day.reduce((sum, c) => sum + Number(c.quoteVolume), 0);
  return {
    symbol: binanceSymbolId(coin),
    priceChange: change.toFixed(decimals),
    priceChangePercent: ((change / Number(first.open)) * 100).toFixed(3),
    weightedAvgPrice: (quoteVolume / volume).toFixed(decimals),
    lastPrice: last.close,
    lastQty: trades.at(-1)?.qty ?? '0',
    openPrice: first.open,
    highPrice: day.reduce((max, c) => Math.max(max, Number(c.high)), 0).toFixed(decimals),
    lowPrice: day.reduce((min, c) => Math.min(min, Number(c.low)), Infinity).toFixed(decimals),
    volume: volume.toFixed(3),
    quoteVolume: quoteVolume.toFixed(2),
    openTime: first.openTime,
    closeTime: last.openTime + 59_999,
    firstId: trades[0]?.id ?? 0,
    lastId: trades.at(-1)?.id ?? 0,
    count: trades.length,
  };
}
