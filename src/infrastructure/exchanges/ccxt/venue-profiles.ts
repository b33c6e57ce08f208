import { BybitBookSequenceTap } from './bybit-book-sequence.tap';
import { HyperliquidFillSnapshotTap } from './hyperliquid-fill-snapshot.tap';
import { createHash } from 'node:crypto';
import { isRecord } from './message-tap';
import { binanceAccountBalances, hyperliquidClearinghouseBalances } from './venue-balances';
import { API_KEY_AND_SECRET, type RawOrderDecimals, type VenueProfile } from './venue-profile';

/**
 * The venues ARCHITECTURE.md §4 names. Limits: ccxt's own `rateLimit` and per-endpoint costs encode
 * each venue's weights (Binance 2,400/min, Bybit per-endpoint, Hyperliquid 1,200/min; VENUES.md), so
 * `enableRateLimit` stays on and is never tuned down here.
 */
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export const binanceUsdmProfile: VenueProfile = {
  id: 'binanceusdm',
  ccxtId: 'binanceusdm',
  ccxtConfig: {
    // With keys set, loadMarkets would call /sapi/v1/capital/config/getall on the spot host.
    has: { fetchCurrencies: false },
    // On a user-data connection ccxt parks a positions-snapshot future nobody awaits (we do not
    // stream positions): a dropped connection then rejects it as an unhandled rejection.
    options: { watchPositions: { fetchPositionsSnapshot: false } },
  },
  ohlcvPageSize: 1500,
  // ccxt caps binance klines at 1000 (spot's maximum); USDⓈ-M serves 1500. ccxt would also slice
  // its parsed answer to `limit`, hiding a malformed row from the check.
  rawOhlcvLimit: true,
  orderBookLimits: [5, 10, 20, 50, 100, 500, 1000],
  tradesRestWindowMs: null,
  streams: true,
  trading: true,
  credentials: API_KEY_AND_SECRET,
  defaultRetryAfterSeconds: 60,
  retryAfterSeconds: (headers) => positive(Number(header(headers, 'retry-after'))),
  balances: binanceAccountBalances,
  orderDecimals: (info): RawOrderDecimals => ({
    quantity: str(info.origQty ?? info.q),
    filled: str(info.executedQty ?? info.z),
    price: str(info.price ?? info.p),
    averagePrice: str(info.avgPrice ?? info.ap),
    triggerPrice: str(info.stopPrice ?? info.sp),
  }),
  fillDecimals: (info) => ({
    price: str(info.price ?? info.L),
    quantity: str(info.qty ?? info.l),
    fee: str(info.commission ?? info.n),
  }),
  candleClosedFlag: (message) => {
    if (!isRecord(message)) return [];
    const payload = isRecord(message.data) ? message.data : message;
    const k = payload.k;
    if (payload.e !== 'kline' || !isRecord(k) || typeof k.t !== 'number' || typeof k.s !== 'string')
      return [];
    return [{ marketId: k.s, openTime: k.t, closed: k.x === true }];
  },
};

export const bybitProfile: VenueProfile = {
  id: 'bybit',
  ccxtId: 'bybit',
  // Linear perpetuals only: 2 requests for loadMarkets instead of 11 (VENUES.md).
  ccxtConfig: {
    options: {
      fetchMarkets: { types: ['linear'] },
      defaultType: 'swap',
      defaultSubType: 'linear',
      // A UTA's /v5/order/realtime finds an order by id among the account's last 500 (open or
      // closed): enough to read back the order just placed, amended or cancelled.
      fetchOrder: { acknowledged: true },
    },
    has: { fetchCurrencies: false },
  },
  ohlcvPageSize: 1000,
  // ccxt slices its parsed klines to `limit`, which would hide a malformed row from the check.
  rawOhlcvLimit: true,
  // recent-trade: the newest 1-1000 trades, no start time (bybit-exchange.github.io/docs/v5/market/recent-trade).
  recentTradesMax: 1000,
  tradesRestWindowMs: null,
  streams: true,
  trading: true,
  credentials: API_KEY_AND_SECRET,
  defaultRetryAfterSeconds: 1,
  retryAfterSeconds: (headers, nowMs) => {
    const reset = Number(header(headers, 'x-bapi-limit-reset-timestamp'));
    return Number.isFinite(reset) ? Math.max(1, Math.ceil((reset - nowMs) / 1000)) : undefined;
  },
  orderDecimals: (info) => ({
    quantity: str(info.qty),
    filled: str(info.cumExecQty),
    price: str(info.price),
    averagePrice: str(info.avgPrice),
    triggerPrice: str(info.triggerPrice),
  }),
  fillDecimals: (info) => ({
    price: str(info.execPrice),
    quantity: str(info.execQty),
    fee: str(info.execFee),
  }),
  candleClosedFlag: (message) => {
    if (!isRecord(message) || typeof message.topic !== 'string' || !message.topic.startsWith('kline.'))
      return [];
    const marketId = message.topic.split('.').at(-1) ?? '';
    const rows = Array.isArray(message.data) ? message.data : [];
    return rows.filter(isRecord).map((row) => ({
      marketId,
      openTime: Number(row.start),
      closed: row.confirm === true,
    }));
  },
  createTaps: (exchange) => [new BybitBookSequenceTap(exchange)],
};

export const hyperliquidProfile: VenueProfile = {
  id: 'hyperliquid',
  ccxtId: 'hyperliquid',
  ccxtConfig: { options: { fetchMarkets: { types: ['swap'] } } },
  // Users and the venue's own API name a perp by its coin ('BTC'); ccxt's id is the asset index.
  nativeId: (market) => str((market as typeof market & { baseName?: unknown }).baseName),
  // candleSnapshot reaches only about the latest 5,000 candles (VENUES.md).
  ohlcvPageSize: 5000,
  tradesRestWindowMs: 0,
  publicTradesRest: false,
  latestOhlcvWithoutLimit: true,
  streams: true,
  trading: true,
  credentials: [
    { envSuffix: 'WALLET_ADDRESS', ccxtField: 'walletAddress', required: true },
    { envSuffix: 'PRIVATE_KEY', ccxtField: 'privateKey', required: true },
  ],
  defaultRetryAfterSeconds: 60,
  orderDecimals: (info) => {
    const order = isRecord(info.order) ? info.order : info;
    return {
      quantity: str(order.origSz ?? order.sz),
      price: str(order.limitPx),
      triggerPrice: str(order.triggerPx),
      averagePrice: isRecord(info.filled) ? str(info.filled.avgPx) : undefined,
      filled: isRecord(info.filled) ? str(info.filled.totalSz) : undefined,
    };
  },
  fillDecimals: (info) => ({ price: str(info.px), quantity: str(info.sz), fee: str(info.fee) }),
  balances: hyperliquidClearinghouseBalances,
  // A cloid is 16 bytes of hex (exchange-endpoint docs): the first half of our id's SHA-256.
  venueClientOrderId: (clientOrderId) =>
    `0x${createHash('sha256').update(clientOrderId).digest('hex').slice(0, 32)}`,
  createTaps: () => [new HyperliquidFillSnapshotTap()],
};

export const coinbaseProfile: VenueProfile = {
  id: 'coinbase',
  ccxtId: 'coinbase',
  // Markets come from /api/v3/brokerage/market/products; currencies would add three v2 calls.
  ccxtConfig: { has: { fetchCurrencies: false } },
  // ccxt asks at most 300 candles per request (the venue allows 350).
  ohlcvPageSize: 300,
  tradesSinceNeedsUntil: true,
  // The market-trades endpoint answers the newest trades of [start, end] (ccxt: at most 1000).
  recentTradesMax: 1000,
  tradesRestWindowMs: null,
  streams: true,
  trading: true,
  credentials: API_KEY_AND_SECRET,
  defaultRetryAfterSeconds: 1,
};

/** Any other ccxt id from configuration: ccxt's defaults, no venue quirks known. */
export function genericProfile(id: string): VenueProfile {
  return {
    id,
    ccxtId: id,
    ccxtConfig: {},
    ohlcvPageSize: 500,
    tradesRestWindowMs: null,
    streams: true,
    trading: true,
    credentials: [...API_KEY_AND_SECRET, { envSuffix: 'PASSWORD', ccxtField: 'password', required: false }],
    defaultRetryAfterSeconds: 1,
  };
}

const PROFILES: ReadonlyMap<string, VenueProfile> = new Map(
  [binanceUsdmProfile, bybitProfile, hyperliquidProfile, coinbaseProfile].map((p) => [p.id, p]),
);

export function profileFor(id: string): VenueProfile {
  return PROFILES.get(id) ?? genericProfile(id);
}

function positive(value: number): number | undefined {
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
