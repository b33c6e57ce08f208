import { CoinSeed } from '../shared/market-data-set';

/** Binance USDⓈ-M ids are `<COIN>USDT`. */
export const binanceSymbolId = (coin: string): string => `${coin}USDT`;

/**
 * One `symbols[]` entry of `GET /fapi/v1/exchangeInfo`.
 * Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 * (field set checked against nautilus_trader crates/adapters/binance/test_data/futures/http_json/exchange_info_usdm.json).
 */
export function exchangeInfoSymbol(seed: CoinSeed): Record<string, unknown> {
  const tick = seed.priceDecimals === 0 ? '1' : `0.${'0'.repeat(seed.priceDecimals - 1)}1`;
  const step = seed.qtyDecimals === 0 ? '1' : `0.${'0'.repeat(seed.qtyDecimals - 1)}1`;
  return {
    symbol: binanceSymbolId(seed.coin),
    pair: binanceSymbolId(seed.coin),
    contractType: 'PERPETUAL',
    deliveryDate: 4133404800000,
    onboardDate: 1569398400000,
    status: 'TRADING',
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: seed.coin,
    quoteAsset: 'USDT',
    marginAsset: 'USDT',
    pricePrecision: seed.priceDecimals,
    quantityPrecision: seed.qtyDecimals,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: [],
    settlePlan: 0,
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '1000000', tickSize: tick },
      { filterType: 'LOT_SIZE', minQty: step, maxQty: '1000', stepSize: step },
      { filterType: 'MARKET_LOT_SIZE', minQty: step, maxQty: '120', stepSize: step },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MIN_NOTIONAL', notional: '5' },
      {
        filterType: 'PERCENT_PRICE',
        multiplierUp: '1.0500',
        multiplierDown: '0.9500',
        multiplierDecimal: '4',
      },
    ],
    orderTypes: [
      'LIMIT',
      'MARKET',
      'STOP',
      'STOP_MARKET',
      'TAKE_PROFIT',
      'TAKE_PROFIT_MARKET',
      'TRAILING_STOP_MARKET',
    ],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

/** Same doc page as above: the envelope around `symbols`. */
export function exchangeInfo(seeds: readonly CoinSeed[], serverTime: number): Record<string, unknown> {
  return {
    timezone: 'UTC',
    serverTime,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
    ],
    exchangeFilters: [],
    assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
    symbols: seeds.map(exchangeInfoSymbol),
  };
}

/**
 * HTTP 429 body and header. Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 * ("LIMITS": 429 with a Retry-After header; error -1003 TOO_MANY_REQUESTS in the error-code page).
 */
export const RATE_LIMIT_BODY = {
  code: -1003,
  msg: 'Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.',
};
export const RATE_LIMIT_RETRY_AFTER_SECONDS = '60';

/** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code (-1121, -1130). */
export const INVALID_SYMBOL = { code: -1121, msg: 'Invalid symbol.' };
export const invalidParameter = (name: string): Record<string, unknown> => ({
  code: -1130,
  msg: `Data sent for parameter '${name}' is not valid.`,
});
