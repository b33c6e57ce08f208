import { ChecksumError, type Exchange } from 'ccxt';
import { isRecord, type MessageTap, type TapClient } from './message-tap';
import type { TapVerdict } from './venue-profile';

/**
 * Bybit v5 `orderbook.<depth>.<symbol>` integrity, which ccxt does not check: each delta's `u` must
 * be the previous message's `u` + 1. A snapshot (the first message, or `u=1` after a service
 * restart) resets the book and the expected sequence. On a skipped `u` the delta is dropped before
 * ccxt applies it, ccxt's book is discarded and the pending watch is rejected with a
 * ChecksumError, which the adapter answers by resubscribing (Bybit sends a fresh snapshot).
 * Source: bybit-exchange.github.io/docs/v5/websocket/public/orderbook.
 */
export class BybitBookSequenceTap implements MessageTap {
  private readonly lastUpdateId = new Map<string, number>();
  gaps = 0;

  constructor(private readonly exchange: Exchange) {}

  inspect(client: TapClient, message: unknown): TapVerdict {
    if (!isRecord(message) || typeof message.topic !== 'string' || !message.topic.startsWith('orderbook.')) {
      return 'pass';
    }
    const data = isRecord(message.data) ? message.data : {};
    const u = typeof data.u === 'number' ? data.u : Number(data.u);
    if (!Number.isFinite(u)) return 'pass';
    const key = `${client.url} ${message.topic}`;
    if (message.type === 'snapshot') {
      this.lastUpdateId.set(key, u);
      return 'pass';
    }
    const previous = this.lastUpdateId.get(key);
    if (previous === undefined || u === previous + 1) {
      this.lastUpdateId.set(key, u);
      return 'pass';
    }
    this.gaps += 1;
    this.lastUpdateId.delete(key);
    const marketId = typeof data.s === 'string' ? data.s : message.topic.split('.').at(-1);
    const symbol = this.exchange.safeMarket(marketId, undefined, undefined, 'contract').symbol;
    const books = this.exchange.orderbooks as unknown as Record<string, unknown>;
    delete books[symbol];
    client.reject(
      new ChecksumError(`bybit orderbook ${symbol}: expected u=${previous + 1}, got u=${u}`),
      `orderbook:${symbol}`,
    );
    return 'drop';
  }
}
