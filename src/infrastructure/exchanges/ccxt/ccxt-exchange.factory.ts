import ccxt, { type Exchange } from 'ccxt';
import { UnknownExchangeError } from '../exchange.errors';
import { cancelDelayedTasksOnClose } from './ccxt-delayed-tasks';
import { installMessageTaps, isRecord, type MessageTap } from './message-tap';
import type { VenueProfile } from './venue-profile';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CcxtInstance {
  readonly exchange: Exchange;
  readonly taps: readonly MessageTap[];
}

type ExchangeClass = new (config: Record<string, unknown>) => Exchange;

/**
 * A ccxt.pro instance for a profile, with `EXCHANGE_<ID>_REST_URL` / `EXCHANGE_<ID>_WS_URL` applied.
 * The override replaces the scheme and host of every REST (http) and websocket (ws) URL in
 * `urls.api` and keeps ccxt's paths, so one rule covers every ccxt id: Binance's fapiPublic/V2/V3,
 * fapiPrivate*, fapiData and ws.future; Bybit's `https://api.{hostname}` templates; Hyperliquid and
 * Coinbase roots. Credentials, when given, are only ever set on the instance (never logged).
 */
export async function createCcxtExchange(
  profile: VenueProfile,
  env: Env,
  credentials: Readonly<Record<string, string>> = {},
): Promise<CcxtInstance> {
  const classes = ccxt.pro as unknown as Record<string, ExchangeClass | undefined>;
  const ExchangeClass = classes[profile.ccxtId];
  if (ExchangeClass === undefined) throw new UnknownExchangeError(`ccxt has no exchange '${profile.ccxtId}'`);
  const prefix = `EXCHANGE_${profile.id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const restUrl = env[`${prefix}_REST_URL`];
  const wsUrl = env[`${prefix}_WS_URL`];
  const defaults = new ExchangeClass({});
  const api = overrideOrigins(defaults.urls.api, origin(restUrl), origin(wsUrl));
  await defaults.close();
  const exchange = new ExchangeClass({
    ...profile.ccxtConfig,
    ...credentials,
    enableRateLimit: true,
    // Kept so a failed parse of one row can be retried row by row (adapter.fetchTrades).
    enableLastJsonResponse: true,
    urls: { api },
  });
  cancelDelayedTasksOnClose(exchange);
  // ccxt.pro needs its proxy agent loaded before it can open a plain ws:// URL (VENUES.md).
  if (wsUrl?.startsWith('ws://') === true) await exchange.loadHttpProxyAgent();
  const taps = profile.createTaps?.(exchange) ?? [];
  installMessageTaps(exchange, taps);
  return { exchange, taps };
}

function origin(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  const match = /^[a-z]+:\/\/[^/]+/i.exec(url);
  return match?.[0];
}

function overrideOrigins(api: unknown, rest: string | undefined, ws: string | undefined): unknown {
  if (typeof api === 'string') {
    if (rest !== undefined && /^https?:\/\//i.test(api)) return api.replace(/^https?:\/\/[^/]+/i, rest);
    if (ws !== undefined && /^wss?:\/\//i.test(api)) return api.replace(/^wss?:\/\/[^/]+/i, ws);
    return api;
  }
  if (Array.isArray(api)) return api.map((item) => overrideOrigins(item, rest, ws));
  if (isRecord(api)) {
    return Object.fromEntries(
      Object.entries(api).map(([key, value]) => [key, overrideOrigins(value, rest, ws)]),
    );
  }
  return api;
}
