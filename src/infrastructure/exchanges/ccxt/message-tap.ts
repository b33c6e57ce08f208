import type { Exchange } from 'ccxt';
import type { TapVerdict } from './venue-profile';

/** ccxt.pro's websocket client, as far as a tap needs it. */
export interface TapClient {
  readonly url: string;
  reject(error: unknown, messageHash?: string): void;
}

/** Sees every raw websocket message before ccxt parses it. */
export interface MessageTap {
  inspect(client: TapClient, message: unknown): TapVerdict;
}

type HandleMessage = (client: TapClient, message: unknown) => unknown;

/**
 * Puts taps in front of ccxt's message handler. ccxt binds `this.handleMessage` when it opens a
 * client (Exchange.client), so replacing the instance's method before the first watch call is
 * enough: every later connection, reconnections included, goes through the taps. A message any
 * tap drops never reaches ccxt's caches.
 */
export function installMessageTaps(exchange: Exchange, taps: readonly MessageTap[]): void {
  if (taps.length === 0) return;
  const target = exchange as unknown as { handleMessage: HandleMessage };
  const original: HandleMessage = target.handleMessage.bind(exchange);
  target.handleMessage = (client: TapClient, message: unknown): unknown => {
    for (const tap of taps) {
      if (tap.inspect(client, message) === 'drop') return undefined;
    }
    return original(client, message);
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
