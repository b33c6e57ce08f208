import { MINUTE_MS } from '../shared/market-data-set';
import { CoinSeed } from '../shared/market-data-set';

export const bybitSymbolId = (coin: string): string => `${coin}USDT`;

/** Every v5 answer is wrapped so. Source: https://bybit-exchange.github.io/docs/v5/intro (response format). */
export function envelope(result: unknown, time: number, retCode = 0, retMsg = 'OK'): Record<string, unknown> {
  return { retCode, retMsg, result, retExtInfo: {}, time };
}

const step = (decimals: number): string => (decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`);

/** One linear instrument. Source: https://bybit-exchange.github.io/docs/v5/market/instrument (linear example). */
export function linearInstrument(seed: CoinSeed): Record<string, unknown> {
  return {
    symbol: bybitSymbolId(seed.coin),
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: seed.coin,
    quoteCoin: 'USDT',
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(seed.priceDecimals),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: {
      minPrice: step(seed.priceDecimals),
      maxPrice: '1999999.80',
      tickSize: step(seed.priceDecimals),
    },
    lotSizeFilter: {
      maxOrderQty: '1190.000',
      minOrderQty: step(seed.qtyDecimals),
      qtyStep: step(seed.qtyDecimals),
      postOnlyMaxOrderQty: '1190.000',
      maxMktOrderQty: '119.000',
      minNotionalValue: '5',
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: 'USDT',
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
  };
}

/**
 * The API rate-limit answer: HTTP 200 with retCode 10006 and the X-Bapi-Limit headers.
 * Source: https://bybit-exchange.github.io/docs/v5/rate-limit
 */
export function rateLimited(time: number): {
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  return {
    body: envelope({}, time, 10006, 'Too many visits!'),
    headers: {
      'X-Bapi-Limit': '600',
      'X-Bapi-Limit-Status': '0',
      'X-Bapi-Limit-Reset-Timestamp': String(time + 1_000),
    },
  };
}

/** Kline interval names. Source: https://bybit-exchange.github.io/docs/v5/enum#interval */
export function bybitIntervalToMs(interval: string): number | undefined {
  if (/^\d+$/.test(interval)) return Number(interval) * MINUTE_MS;
  return { D: 1_440 * MINUTE_MS, W: 10_080 * MINUTE_MS }[interval];
}
