import { Injectable } from '@nestjs/common';
import type { Instrument } from '../../../domain/matching';
import { Dec } from '../../../domain/shared/decimal';
import { BadSymbolError } from '../../../infrastructure/exchanges/exchange.errors';
import type { Market } from '../../../infrastructure/exchanges/market-data.types';
import { ExchangeRegistry } from '../../exchanges';
import { RefreshAheadCache } from '../../../infrastructure/concurrency/refresh-ahead-cache';

/** How long a mark price is reused: the price band and exposure checks tolerate this much staleness. */
const MARK_TTL_MS = 500;
/** From this age the mark is fetched again in the background: orders do not wait for the venue's ticker. */
const MARK_REFRESH_AFTER_MS = 300;

/**
 * Instruments (tick, lot, minimum) and mark prices of each venue's markets, cached: markets never
 * change while running, marks are reused for MARK_TTL_MS so a burst of orders costs one ticker call.
 */
@Injectable()
export class MarketInfo {
  private readonly markets = new Map<string, Promise<Map<string, Market>>>();
  private readonly marks = new RefreshAheadCache<string, Dec | null>((key) => this.fetchMark(key), {
    maxAgeMs: MARK_TTL_MS,
    refreshAfterMs: MARK_REFRESH_AFTER_MS,
  });
  private readonly instruments = new Map<string, Promise<Instrument>>();

  constructor(private readonly registry: ExchangeRegistry) {}

  async market(exchange: string, symbol: string): Promise<Market> {
    let loading = this.markets.get(exchange);
    if (loading === undefined) {
      loading = this.registry
        .get(exchange)
        .loadMarkets()
        .then((list) => new Map(list.flatMap((m) => [[m.symbol, m] as const, [m.id, m] as const])));
      this.markets.set(exchange, loading);
      loading.catch(() => this.markets.delete(exchange));
    }
    const found = (await loading).get(symbol);
    if (found === undefined) {
      throw new BadSymbolError(`${exchange} has no market ${symbol}`, { field: 'symbol', exchange, symbol });
    }
    return found;
  }

  /** The market as the order domain takes it; built once per market, since markets never change. */
  instrument(exchange: string, symbol: string): Promise<Instrument> {
    const key = `${exchange}\u0000${symbol}`;
    let instrument = this.instruments.get(key);
    if (instrument === undefined) {
      instrument = this.toInstrument(exchange, symbol);
      this.instruments.set(key, instrument);
      instrument.catch(() => this.instruments.delete(key));
    }
    return instrument;
  }

  private async toInstrument(exchange: string, symbol: string): Promise<Instrument> {
    const m = await this.market(exchange, symbol);
    return {
      symbol: m.symbol,
      contractType: 'linear',
      tickSize: new Dec(m.tickSize),
      lotSize: new Dec(m.lotSize),
      minQuantity: new Dec(m.minQuantity),
      maxLeverage: m.maxLeverage ?? 1,
    };
  }

  /** The mark price (else the last price), or null when the venue has none right now. */
  mark(exchange: string, symbol: string): Promise<Dec | null> {
    // a failed fetch is not kept: the next order asks the venue again
    return this.marks.get(`${exchange}\u0000${symbol}`).catch(() => null);
  }

  private async fetchMark(key: string): Promise<Dec | null> {
    const [exchange = '', symbol = ''] = key.split('\u0000');
    const t = await this.registry.get(exchange).fetchTicker(symbol);
    const price = t.markPrice ?? t.last;
    // Tickers keep ccxt's numeric shape; the mark is only compared and multiplied, never stored as money.
    return price === null || !Number.isFinite(price) ? null : new Dec(String(price));
  }
}
