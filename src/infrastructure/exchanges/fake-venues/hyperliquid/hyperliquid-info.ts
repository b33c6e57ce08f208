import { intervalToMs } from '../shared/candle-window';
import { FakeAccount } from '../shared/fake-account';
import { FakeRequest, FakeResponse, isRecord, ok } from '../shared/fake-venue-server';
import { FaultController } from '../shared/fault-controller';
import { BookSnapshot, Candle, MarketDataSet } from '../shared/market-data-set';
import { clearinghouseState, frontendOrder, orderWithStatus } from './hyperliquid-account-shapes';

export interface UserFill {
  readonly coin: string;
  readonly px: string;
  readonly sz: string;
  readonly side: 'A' | 'B';
  readonly time: number;
  readonly startPosition: string;
  readonly dir: string;
  readonly closedPnl: string;
  readonly hash: string;
  readonly oid: number;
  readonly crossed: boolean;
  readonly fee: string;
  readonly tid: number;
  readonly feeToken: string;
}

/** Hyperliquid answers only about the latest 5,000 candles (VENUES.md). */
const CANDLE_CAP = 5_000;

/**
 * `POST /info` request types that ccxt hyperliquid uses for market data and the read-only account.
 * Source: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint and
 * .../info-endpoint/perpetuals (meta, metaAndAssetCtxs, clearinghouseState); candle and l2Book shapes
 * as in VENUES.md (hyperliquid-python-sdk cassettes).
 */
export class HyperliquidInfo {
  constructor(
    private readonly data: MarketDataSet,
    private readonly faults: FaultController,
    private readonly fills: (user: string) => readonly UserFill[],
    /** The traded account and the address it belongs to (lower case). */
    private readonly trader: { readonly account: FakeAccount; readonly user: () => string },
  ) {}

  answer(request: FakeRequest): FakeResponse {
    const body = isRecord(request.json) ? request.json : {};
    const req = isRecord(body.req) ? body.req : {};
    const user = typeof body.user === 'string' ? body.user.toLowerCase() : '';
    switch (body.type) {
      case 'meta':
        return ok(this.meta());
      case 'metaAndAssetCtxs':
        return ok([this.meta(), this.data.coinNames.map((coin) => this.assetCtx(coin))]);
      case 'spotMeta':
        return ok({ universe: [], tokens: [] });
      case 'spotMetaAndAssetCtxs':
        return ok([{ universe: [], tokens: [] }, []]);
      case 'perpDexs':
        return ok([null]);
      case 'allMids':
        return ok(Object.fromEntries(this.data.coinNames.map((coin) => [coin, this.mid(coin)])));
      case 'l2Book':
        return this.withCoin(body.coin, (coin) => ok(l2Book(coin, this.data.book(coin), this.data.now)));
      case 'candleSnapshot':
        return this.withCoin(req.coin, (coin) => this.candles(coin, req));
      case 'userFills':
        return ok([...this.fills(user)].reverse().slice(0, 2_000));
      case 'userFillsByTime': {
        const start = Number(body.startTime ?? 0);
        const end = Number(body.endTime ?? Number.MAX_SAFE_INTEGER);
        return ok(this.fills(user).filter((f) => f.time >= start && f.time <= end));
      }
      case 'clearinghouseState':
        return ok(
          user === this.trader.user()
            ? clearinghouseState(this.trader.account, this.data)
            : this.emptyState(),
        );
      case 'openOrders':
      case 'frontendOpenOrders':
        return ok(user === this.trader.user() ? this.trader.account.openOrders.map(frontendOrder) : []);
      case 'orderStatus': {
        const order = user === this.trader.user() ? this.findOrder(body.oid) : undefined;
        return ok(
          order === undefined ? { status: 'unknownOid' } : { status: 'order', order: orderWithStatus(order) },
        );
      }
      case 'userAbstraction':
        return ok('default');
      default:
        return { status: 422, body: 'Failed to deserialize the JSON body into the target type' };
    }
  }

  private withCoin(value: unknown, answer: (coin: string) => FakeResponse): FakeResponse {
    const coin = this.data.coinNames.find((name) => name === value);
    return coin === undefined ? ok(null) : answer(coin);
  }

  private meta(): Record<string, unknown> {
    return {
      universe: this.data.coinNames.map((coin) => ({
        name: coin,
        szDecimals: this.data.seed(coin).qtyDecimals,
        maxLeverage: 40,
        marginTableId: 56,
      })),
      marginTables: [
        [56, { description: 'tiered 40x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 40 }] }],
      ],
    };
  }

  private mid(coin: string): string {
    const book = this.data.book(coin);
    const bid = Number(book.bids[0]?.[0] ?? this.data.lastPrice(coin));
    const ask = Number(book.asks[0]?.[0] ?? this.data.lastPrice(coin));
    return ((bid + ask) / 2).toFixed(this.data.seed(coin).priceDecimals + 1);
  }

  /** One perp's context, as in `metaAndAssetCtxs` and the `activeAssetCtx` websocket channel. */
  assetCtx(coin: string): Record<string, unknown> {
    const last = this.data.lastPrice(coin);
    const day = this.data.candles(coin).slice(-1_440);
    return {
      funding: '0.0000125',
      openInterest: '1815.4712',
      prevDayPx: day[0]?.open ?? last,
      dayNtlVlm: day.reduce((sum, c) => sum + Number(c.quoteVolume), 0).toFixed(4),
      premium: '0.00031774',
      oraclePx: last,
      markPx: last,
      midPx: this.mid(coin),
      impactPxs: [this.data.book(coin).bids[0]?.[0] ?? last, this.data.book(coin).asks[0]?.[0] ?? last],
      dayBaseVlm: day.reduce((sum, c) => sum + Number(c.volume), 0).toFixed(3),
    };
  }

  private candles(coin: string, req: Record<string, unknown>): FakeResponse {
    const interval = typeof req.interval === 'string' ? req.interval : '';
    const intervalMs = intervalToMs(interval);
    if (intervalMs === undefined)
      return { status: 422, body: 'Failed to deserialize the JSON body into the target type' };
    const start = Number(req.startTime ?? 0);
    const end = Number(req.endTime ?? Number.MAX_SAFE_INTEGER);
    const rows: unknown[] = this.data
      .candles(coin, intervalMs)
      .slice(-CANDLE_CAP)
      .filter((c) => c.openTime >= start && c.openTime <= end)
      .map((c) => hyperliquidCandle(coin, interval, intervalMs, c));
    if (this.faults.takeMalformed('klines')) rows.push({ t: this.data.now, o: 'not-a-number' });
    return ok(rows);
  }

  /** By oid (a number) or by cloid (a hex string), as the info endpoint accepts either. */
  private findOrder(oid: unknown): ReturnType<FakeAccount['order']> {
    const { account } = this.trader;
    return typeof oid === 'string' && oid.startsWith('0x')
      ? account.orderByClientId(oid)
      : account.order(Number(oid));
  }

  private emptyState(): Record<string, unknown> {
    const summary = {
      accountValue: '10000.0',
      totalNtlPos: '0.0',
      totalRawUsd: '10000.0',
      totalMarginUsed: '0.0',
    };
    return {
      marginSummary: summary,
      crossMarginSummary: summary,
      crossMaintenanceMarginUsed: '0.0',
      withdrawable: '10000.0',
      assetPositions: [],
      time: this.data.now,
    };
  }
}

export function hyperliquidCandle(
  coin: string,
  interval: string,
  intervalMs: number,
  c: Candle,
): Record<string, unknown> {
  return {
    t: c.openTime,
    T: c.openTime + intervalMs - 1,
    s: coin,
    i: interval,
    o: c.open,
    c: c.close,
    h: c.high,
    l: c.low,
    v: c.volume,
    n: c.trades,
  };
}

export function l2Book(coin: string, book: BookSnapshot, time: number): Record<string, unknown> {
  const side = (levels: BookSnapshot['bids']): unknown[] =>
    levels.slice(0, 20).map(([px, sz], i) => ({ px, sz, n: 1 + (i % 3) }));
  return { coin, time, levels: [side(book.bids), side(book.asks)] };
}
