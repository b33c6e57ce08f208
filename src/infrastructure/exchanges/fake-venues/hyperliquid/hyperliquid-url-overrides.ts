/**
 * ccxt `urls.api` entries that point a `hyperliquid` instance (REST and ccxt.pro) at another host:
 * `restUrl` is the `https://api.hyperliquid.xyz` equivalent and `wsUrl` the
 * `wss://api.hyperliquid.xyz/ws` one. Use with `options.fetchMarkets.types = ['swap']` to load perps
 * with one `metaAndAssetCtxs` call.
 */
export function hyperliquidUrlOverrides(restUrl: string, wsUrl: string): Record<string, unknown> {
  const rest = restUrl.replace(/\/+$/, '');
  return { public: rest, private: rest, ws: { public: wsUrl.replace(/\/+$/, '') } };
}
