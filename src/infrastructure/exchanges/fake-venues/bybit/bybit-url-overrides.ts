/**
 * ccxt `urls.api` entries that point a `bybit` instance (REST and ccxt.pro) at another host:
 * `restUrl` is the `https://api.bybit.com` equivalent and `wsUrl` the `wss://stream.bybit.com` one.
 * Use with `options.fetchMarkets.types = ['linear']` (2 requests instead of 11) and, with keys,
 * `has.fetchCurrencies = false` (VENUES.md).
 */
export function bybitUrlOverrides(restUrl: string, wsUrl: string): Record<string, unknown> {
  const rest = restUrl.replace(/\/+$/, '');
  const ws = wsUrl.replace(/\/+$/, '');
  return {
    spot: rest,
    futures: rest,
    v2: rest,
    public: rest,
    private: rest,
    ws: {
      public: {
        spot: `${ws}/v5/public/spot`,
        inverse: `${ws}/v5/public/inverse`,
        option: `${ws}/v5/public/option`,
        linear: `${ws}/v5/public/linear`,
      },
      private: {
        spot: { unified: `${ws}/v5/private`, nonUnified: `${ws}/spot/private/v3` },
        contract: `${ws}/v5/private`,
        usdc: `${ws}/trade/option/usdc/private/v1`,
        trade: `${ws}/v5/trade`,
      },
    },
  };
}
