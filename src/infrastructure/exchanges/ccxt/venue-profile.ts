import type { Exchange, MarketInterface as CcxtMarket } from 'ccxt';
import type { Timeframe } from '../market-data.types';
import type { VenueBalance } from '../trading.types';
import type { MessageTap } from './message-tap';

/** Which ccxt credential field an environment variable suffix fills (<PREFIX>_<suffix>). */
export interface CredentialField {
  readonly envSuffix: 'API_KEY' | 'SECRET' | 'PASSWORD' | 'WALLET_ADDRESS' | 'PRIVATE_KEY';
  readonly ccxtField: 'apiKey' | 'secret' | 'password' | 'walletAddress' | 'privateKey';
  readonly required: boolean;
}

/** What a raw websocket message tap decides: hand the message to ccxt, or swallow it. */
export type TapVerdict = 'pass' | 'drop';

/**
 * Decimal strings of an order, read from the venue's raw `info` (ccxt's numbers are binary floats:
 * anything that becomes an order, a fill or a balance is taken from the strings the venue sent).
 */
export interface RawOrderDecimals {
  quantity?: string;
  filled?: string;
  price?: string;
  averagePrice?: string;
  triggerPrice?: string;
}

export interface RawFillDecimals {
  price?: string;
  quantity?: string;
  fee?: string;
}

/**
 * How one ccxt id is driven: constructor options, limits and the quirks the generic adapter cannot
 * know. A ccxt id without a profile gets `genericProfile(id)`: snapshots, ccxt's streams, no quirks.
 */
export interface VenueProfile {
  readonly id: string;
  readonly ccxtId: string;
  /** Extra ccxt constructor options (options.fetchMarkets, has overrides ...). */
  readonly ccxtConfig: Readonly<Record<string, unknown>>;
  /** The most candles one OHLCV request returns on this venue. */
  readonly ohlcvPageSize: number;
  readonly tradesRestWindowMs: number | null;
  readonly streams: boolean;
  readonly trading: boolean;
  readonly timeframes?: readonly Timeframe[];
  readonly credentials: readonly CredentialField[];
  /** Seconds to wait after a rate-limit answer that carried no Retry-After of its own. */
  readonly defaultRetryAfterSeconds: number;
  /** Venue-specific Retry-After from the last response's headers. */
  retryAfterSeconds?(headers: Readonly<Record<string, string>>, nowMs: number): number | undefined;
  /**
   * The venue answers "latest candles" only when asked without a limit (Hyperliquid computes the
   * window from the local clock otherwise); the adapter then slices the newest `limit` itself.
   */
  readonly latestOhlcvWithoutLimit?: boolean;
  /** ccxt clamps this venue's kline limit below its real maximum: send `limit` as a raw param. */
  readonly rawOhlcvLimit?: boolean;
  /** The depths the venue's REST book accepts (a request rounds up to the next one). */
  readonly orderBookLimits?: readonly number[];
  /**
   * The symbol users of the venue type, when ccxt's market id is something else (Hyperliquid: the
   * coin name 'BTC', where ccxt's id is the asset index '0'). The adapter's Market.id is this one.
   */
  nativeId?(market: CcxtMarket): string | undefined;
  /**
   * The public-trades endpoint only answers the latest N trades and takes no `since` (Bybit
   * recent-trade): with a `since`, the adapter asks for this many and keeps the ones from `since`.
   */
  readonly recentTradesMax?: number;
  /** ccxt's fetchTrades takes `since` only together with `until` (Coinbase): the adapter sends now. */
  readonly tradesSinceNeedsUntil?: boolean;
  /** Public trades over REST exist (Hyperliquid has none: ccxt's fetchTrades reads user fills). */
  readonly publicTradesRest?: boolean;
  orderDecimals?(info: Readonly<Record<string, unknown>>): RawOrderDecimals;
  /** Balances from the raw fetchBalance answer (undefined: take ccxt's parsed balance). */
  balances?(info: unknown): VenueBalance[] | undefined;
  /**
   * The venue takes only its own form of client order id (Hyperliquid: a 128-bit hex `cloid`): ours
   * is mapped to it, deterministically, and mapped back on the orders the session answers.
   */
  venueClientOrderId?(clientOrderId: string): string;
  fillDecimals?(info: Readonly<Record<string, unknown>>): RawFillDecimals;
  /** Whether the venue's kline message said the candle is closed (Binance `k.x`, Bybit `confirm`). */
  candleClosedFlag?(message: unknown): { marketId: string; openTime: number; closed: boolean }[];
  /** Raw-message checks ccxt does not make for this venue (sequence gaps, replayed snapshots). */
  createTaps?(exchange: Exchange): MessageTap[];
}

export const API_KEY_AND_SECRET: readonly CredentialField[] = [
  { envSuffix: 'API_KEY', ccxtField: 'apiKey', required: true },
  { envSuffix: 'SECRET', ccxtField: 'secret', required: true },
];
