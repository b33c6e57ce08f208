import { optionalInt } from '../shared/candle-window';
import { FakeRequest, FakeResponse, ok } from '../shared/fake-venue-server';
import { FaultController } from '../shared/fault-controller';
import { CoinSeed, MarketDataSet, MINUTE_MS } from '../shared/market-data-set';

/** Advanced Trade spot product ids are `<BASE>-USD`. */
export const coinbaseProductId = (coin: string): string => `${coin}-USD`;

const GRANULARITY: Readonly<Record<string, number>> = {
  ONE_MINUTE: MINUTE_MS,
  FIVE_MINUTE: 5 * MINUTE_MS,
  FIFTEEN_MINUTE: 15 * MINUTE_MS,
  THIRTY_MINUTE: 30 * MINUTE_MS,
  ONE_HOUR: 60 * MINUTE_MS,
  TWO_HOUR: 120 * MINUTE_MS,
  SIX_HOUR: 360 * MINUTE_MS,
  ONE_DAY: 1_440 * MINUTE_MS,
};
/** "The maximum number of candles is 350" (get-public-product-candles). */
const MAX_CANDLES = 350;

const step = (decimals: number): string => (decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`);
const error = (status: number, code: string, message: string): FakeResponse => ({
  status,
  body: { error: code, error_details: message, message },
});

/**
 * Public Advanced Trade market data, `/api/v3/brokerage/market/*` (no auth): products, candles
 * (newest first, `start`/`end` in seconds, [start, end)), ticker (recent trades newest first plus
 * best bid/ask) and product_book.
 * Sources: https://docs.cdp.coinbase.com/advanced-trade/reference (retailbrokerageapi_getpublicproducts,
 * _getpubliccandles, _getpublicmarkettrades, _getpublicproductbook) and ccxt `coinbase.js` parsers.
 */
export class CoinbaseMarketRest {
  constructor(
    private readonly data: MarketDataSet,
    private readonly faults: FaultController,
  ) {}

  route(request: FakeRequest): FakeResponse | undefined {
    if (request.method !== 'GET') return undefined;
    const path = request.path.replace(/^\/api\/v3\/brokerage\/market/, '');
    if (path === '/products') return this.products(request);
    if (path === '/product_book')
      return this.withProduct(request.params.product_id, (c) => this.book(c, request));
    const match = /^\/products\/([A-Z0-9-]+)(\/candles|\/ticker)?$/.exec(path);
    if (match === null) return undefined;
    const [, productId, tail] = match;
    return this.withProduct(productId, (coin) => {
      if (tail === '/candles') return this.candles(coin, request);
      if (tail === '/ticker') return this.ticker(coin, request);
      return ok(this.product(this.data.seed(coin)));
    });
  }

  private withProduct(productId: string | undefined, answer: (coin: string) => FakeResponse): FakeResponse {
    const coin = this.data.coinNames.find((name) => coinbaseProductId(name) === productId);
    return coin === undefined ? error(404, 'NOT_FOUND', 'ProductID is invalid') : answer(coin);
  }

  /** Spot only: FUTURE (and perpetual) listings answer empty. */
  private products(request: FakeRequest): FakeResponse {
    const spot = request.params.product_type === undefined || request.params.product_type === 'SPOT';
    const products = spot ? this.data.coinNames.map((coin) => this.product(this.data.seed(coin))) : [];
    return ok({ products, num_products: products.length });
  }

  private product(seed: CoinSeed): Record<string, unknown> {
    const last = this.data.lastPrice(seed.coin);
    return {
      product_id: coinbaseProductId(seed.coin),
      price: last,
      price_percentage_change_24h: '1.25',
      volume_24h: '1908432.12',
      volume_percentage_change_24h: '-3.1',
      base_increment: step(seed.qtyDecimals),
      quote_increment: step(seed.priceDecimals),
      quote_min_size: '1',
      quote_max_size: '150000000',
      base_min_size: step(seed.qtyDecimals),
      base_max_size: '3400',
      base_name: seed.coin,
      quote_name: 'US Dollar',
      watched: false,
      is_disabled: false,
      new: false,
      status: 'online',
      cancel_only: false,
      limit_only: false,
      post_only: false,
      trading_disabled: false,
      auction_mode: false,
      product_type: 'SPOT',
      quote_currency_id: 'USD',
      base_currency_id: seed.coin,
      fcm_trading_session_details: null,
      mid_market_price: '',
      alias: '',
      alias_to: [],
      base_display_symbol: seed.coin,
      quote_display_symbol: 'USD',
      view_only: false,
      price_increment: step(seed.priceDecimals),
      display_name: coinbaseProductId(seed.coin),
      product_venue: 'CBE',
      approximate_quote_24h_volume: '80000000',
    };
  }

  private candles(coin: string, request: FakeRequest): FakeResponse {
    const granularity = GRANULARITY[request.params.granularity ?? ''];
    const start = optionalInt(request.params.start);
    const end = optionalInt(request.params.end);
    if (granularity === undefined || start === undefined || end === undefined)
      return error(400, 'INVALID_ARGUMENT', 'start, end and a valid granularity are required');
    if ((end - start) * 1000 > granularity * MAX_CANDLES)
      return error(400, 'INVALID_ARGUMENT', `number of candles requested should be less than ${MAX_CANDLES}`);
    const limit = Math.min(optionalInt(request.params.limit) ?? MAX_CANDLES, MAX_CANDLES);
    const rows: unknown[] = this.data
      .candles(coin, granularity)
      .filter((c) => c.openTime >= start * 1000 && c.openTime < end * 1000)
      .slice(0, limit)
      .reverse()
      .map((c) => ({
        start: String(c.openTime / 1000),
        low: c.low,
        high: c.high,
        open: c.open,
        close: c.close,
        volume: c.volume,
      }));
    if (this.faults.takeMalformed('klines')) rows.splice(1, 0, { start: 'not-a-time', low: 'x' });
    return ok({ candles: rows });
  }

  private ticker(coin: string, request: FakeRequest): FakeResponse {
    const limit = Math.min(optionalInt(request.params.limit) ?? 100, 1000);
    const start = optionalInt(request.params.start);
    const end = optionalInt(request.params.end);
    const book = this.data.book(coin);
    const trades: unknown[] = this.data
      .trades(coin)
      .filter(
        (t) => (start === undefined || t.time >= start * 1000) && (end === undefined || t.time <= end * 1000),
      )
      .slice(-limit)
      .reverse()
      .map((t) => ({
        trade_id: String(t.id),
        product_id: coinbaseProductId(coin),
        price: t.price,
        size: t.qty,
        time: new Date(t.time).toISOString(),
        side: t.side === 'buy' ? 'BUY' : 'SELL',
        bid: '',
        ask: '',
        exchange: 'COINBASE',
      }));
    if (this.faults.takeMalformed('trades')) trades.splice(1, 0, { trade_id: 'bad', price: 'NaN' });
    return ok({ trades, best_bid: book.bids[0]?.[0] ?? '', best_ask: book.asks[0]?.[0] ?? '' });
  }

  private book(coin: string, request: FakeRequest): FakeResponse {
    const limit = optionalInt(request.params.limit) ?? 50;
    const book = this.data.book(coin);
    const side = (levels: typeof book.bids): unknown[] =>
      levels.slice(0, limit).map(([price, size]) => ({ price, size }));
    return ok({
      pricebook: {
        product_id: coinbaseProductId(coin),
        bids: side(book.bids),
        asks: side(book.asks),
        time: new Date(this.data.now).toISOString(),
      },
      last: this.data.lastPrice(coin),
      mid_market: this.data.lastPrice(coin),
      spread_bps: '1',
      spread_absolute: '0.1',
    });
  }
}
