/**
 * ccxt `urls.api` entries that point a `binanceusdm` instance (REST and ccxt.pro) at another host:
 * `restUrl` is the `https://fapi.binance.com` equivalent and `wsUrl` the `wss://fstream.binance.com/ws`
 * one. Merge the result into the exchange's `urls.api`. Set `has.fetchCurrencies = false` too, or
 * loadMarkets calls `/sapi` once keys are set (VENUES.md).
 */
export function binanceUsdmUrlOverrides(restUrl: string, wsUrl: string): Record<string, unknown> {
  const root = restUrl.replace(/\/+$/, '');
  return {
    fapiPublic: `${root}/fapi/v1`,
    fapiPublicV2: `${root}/fapi/v2`,
    fapiPublicV3: `${root}/fapi/v3`,
    fapiPrivate: `${root}/fapi/v1`,
    fapiPrivateV2: `${root}/fapi/v2`,
    fapiPrivateV3: `${root}/fapi/v3`,
    fapiData: `${root}/futures/data`,
    ws: { future: wsUrl.replace(/\/+$/, '') },
  };
}
