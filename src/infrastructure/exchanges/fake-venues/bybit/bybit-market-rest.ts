import { candlesNewestFirst, optionalInt } from '../shared/candle-window';
import { FakeRequest, FakeResponse, ok } from '../shared/fake-venue-server';
import { FaultController } from '../shared/fault-controller';
import { MarketDataSet } from '../shared/market-data-set';
import { bybitIntervalToMs, bybitSymbolId, envelope, linearInstrument } from './bybit-fixtures';

/** Public `/v5/market/*` for category=linear in Bybit v5 wire format. */
export class BybitMarketRest {
  constructor(
    private readonly data: MarketDataSet,
    private readonly faults: FaultController,
  ) {}

  route(request: FakeRequest): FakeResponse | undefined {
    switch (request.path) {
      case '/v5/market/time':
        return this.ok({
          timeSecond: String(Math.floor(this.data.now / 1000)),
          timeNano: `${this.data.now}000000`,
        });
      case '/v5/market/instruments-info':
        return this.instruments(request);
      case '/v5/market/kline':
        return this.withCoin(request, (coin) => this.kline(coin, request));
      case '/v5/market/recent-trade':
        return this.withCoin(request, (coin) => this.recentTrades(coin, request));
      case '/v5/market/orderbook':
        return this.withCoin(request, (coin) => this.orderbook(coin, request));
      case '/v5/market/tickers':
        return this.tickers(request);
      default:
        return undefined;
    }
  }

  private ok(result: unknown): FakeResponse {
    return ok(envelope(result, this.data.now));
  }

  private error(retCode: number, retMsg: string): FakeResponse {
    return ok(envelope({}, this.data.now, retCode, retMsg));
  }

  private withCoin(request: FakeRequest, answer: (coin: string) => FakeResponse): FakeResponse {
    if (request.params.category !== 'linear')
      return this.error(10001, 'params error: category only supports linear here');
    const coin = this.data.coinNames.find((name) => bybitSymbolId(name) === request.params.symbol);
    return coin === undefined ? this.error(10001, 'params error: symbol invalid') : answer(coin);
  }

  /** Source: https://bybit-exchange.github.io/docs/v5/market/instrument. PreLaunch and later pages are empty. */
  private instruments(request: FakeRequest): FakeResponse {
    const category = request.params.category ?? '';
    const seeds = this.data.coinNames.map((coin) => this.data.seed(coin));
    const nothing =
      category !== 'linear' || request.params.status === 'PreLaunch' || request.params.cursor !== undefined;
    const list = nothing
      ? []
      : seeds
          .map(linearInstrument)
          .filter((i) => !request.params.symbol || i.symbol === request.params.symbol);
    return this.ok({ category, list, nextPageCursor: '' });
  }

  /** Source: https://bybit-exchange.github.io/docs/v5/market/kline: strings, newest first, limit 1-1000 (200). */
  private kline(coin: string, request: FakeRequest): FakeResponse {
    const intervalMs = bybitIntervalToMs(request.params.interval ?? '');
    if (intervalMs === undefined) return this.error(10001, 'Invalid period!');
    const limit = optionalInt(request.params.limit) ?? 200;
    if (limit < 1 || limit > 1000) return this.error(10001, 'params error: limit');
    const candles = candlesNewestFirst(this.data.candles(coin, intervalMs), {
      start: optionalInt(request.params.start),
      end: optionalInt(request.params.end),
      limit,
    });
    const list: unknown[] = candles.map((c) => [
      String(c.openTime),
      c.open,
      c.high,
      c.low,
      c.close,
      c.volume,
      c.quoteVolume,
    ]);
    if (this.faults.takeMalformed('klines')) list.unshift([String(this.data.now), 'not-a-number']);
    return this.ok({ category: 'linear', symbol: bybitSymbolId(coin), list });
  }

  /** Source: https://bybit-exchange.github.io/docs/v5/market/recent-trade (newest first; linear limit 1-1000, 500). */
  private recentTrades(coin: string, request: FakeRequest): FakeResponse {
    const limit = Math.min(optionalInt(request.params.limit) ?? 500, 1000);
    const list: unknown[] = this.data
      .trades(coin)
      .slice(-limit)
      .reverse()
      .map((t) => ({
        execId: `${t.id}-fake-exec`,
        symbol: bybitSymbolId(coin),
        price: t.price,
        size: t.qty,
        side: t.side === 'buy' ? 'Buy' : 'Sell',
        time: String(t.time),
        isBlockTrade: false,
        isRPITrade: false,
      }));
    if (this.faults.takeMalformed('trades')) list.unshift({ execId: null, price: 'not-a-number', time: 'x' });
    return this.ok({ category: 'linear', list });
  }

  /** Source: https://bybit-exchange.github.io/docs/v5/market/orderbook (linear limit 1-500, default 25). */
  private orderbook(coin: string, request: FakeRequest): FakeResponse {
    const limit = Math.min(optionalInt(request.params.limit) ?? 25, 500);
    const book = this.data.book(coin);
    return this.ok({
      s: bybitSymbolId(coin),
      b: book.bids.slice(0, limit),
      a: book.asks.slice(0, limit),
      ts: this.data.now,
      u: book.updateId,
      seq: book.updateId * 10,
      cts: this.data.now - 5,
    });
  }

  /** Source: https://bybit-exchange.github.io/docs/v5/market/tickers (linear example). */
  private tickers(request: FakeRequest): FakeResponse {
    const coins = this.data.coinNames.filter(
      (coin) => !request.params.symbol || bybitSymbolId(coin) === request.params.symbol,
    );
    return this.ok({ category: 'linear', list: coins.map((coin) => bybitTicker(this.data, coin)) });
  }
}

/** The full linear ticker, shared by REST and the first `tickers.*` websocket snapshot. */
export function bybitTicker(data: MarketDataSet, coin: string): Record<string, string> {
  const day = data.candles(coin).slice(-1_440);
  const hour = day.slice(-60);
  const last = data.lastPrice(coin);
  const book = data.book(coin);
  const open = day[0]?.open ?? last;
  const decimals = data.seed(coin).priceDecimals;
  const volume = day.reduce((sum, c) => sum + Number(c.volume), 0);
  const eightHours = 8 * 3_600_000;
  return {
    symbol: bybitSymbolId(coin),
    lastPrice: last,
    indexPrice: (Number(last) * 0.9999).toFixed(decimals),
    markPrice: (Number(last) * 1.0001).toFixed(decimals),
    prevPrice24h: open,
    price24hPcnt: ((Number(last) - Number(open)) / Number(open)).toFixed(6),
    highPrice24h: day.reduce((max, c) => Math.max(max, Number(c.high)), 0).toFixed(decimals),
    lowPrice24h: day.reduce((min, c) => Math.min(min, Number(c.low)), Infinity).toFixed(decimals),
    prevPrice1h: hour[0]?.open ?? last,
    openInterest: '68744.761',
    openInterestValue: (68744.761 * Number(last)).toFixed(2),
    turnover24h: day.reduce((sum, c) => sum + Number(c.quoteVolume), 0).toFixed(4),
    volume24h: volume.toFixed(3),
    fundingRate: '-0.000212',
    nextFundingTime: String(Math.ceil(data.now / eightHours) * eightHours),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    ask1Size: book.asks[0]?.[1] ?? '0',
    bid1Price: book.bids[0]?.[0] ?? '0',
    ask1Price: book.asks[0]?.[0] ?? '0',
    bid1Size: book.bids[0]?.[1] ?? '0',
    basis: '',
  };
}
