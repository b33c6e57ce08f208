import { Injectable } from '@nestjs/common';
import { parseSymbol } from '../../domain/market-data';
import type { ExchangeAdapter } from '../../infrastructure/exchanges/exchange-adapter.port';
import { UnknownExchangeError } from '../../infrastructure/exchanges/exchange.errors';
import type { Market } from '../../infrastructure/exchanges/market-data.types';
import { ExchangeRegistry } from '../exchanges';

const MAX_REMEMBERED = 10_000;

/**
 * The venue and market a request names. A resolved symbol (ccxt or native form) is remembered, so
 * the hot path asks the adapter once per symbol; unknown ones are not, and fail every time.
 */
@Injectable()
export class MarketResolver {
  private readonly markets = new Map<string, Market>();

  constructor(private readonly registry: ExchangeRegistry) {}

  adapter(exchange: string): ExchangeAdapter {
    if (!this.registry.has(exchange)) {
      throw new UnknownExchangeError(`exchange "${exchange}" is not configured`, {
        exchange,
        configured: this.registry.list(),
      });
    }
    return this.registry.get(exchange);
  }

  async market(adapter: ExchangeAdapter, rawSymbol: unknown): Promise<Market> {
    const symbol = parseSymbol(rawSymbol);
    const key = `${adapter.id}\u0000${symbol}`;
    const known = this.markets.get(key);
    if (known !== undefined) return known;
    const market = await adapter.market(symbol);
    if (this.markets.size >= MAX_REMEMBERED) this.markets.clear();
    this.markets.set(key, market);
    return market;
  }
}
