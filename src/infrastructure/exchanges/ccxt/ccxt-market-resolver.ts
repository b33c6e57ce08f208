import type { Exchange, MarketInterface as CcxtMarket } from 'ccxt';
import { BadSymbolError } from '../exchange.errors';
import type { Market } from '../market-data.types';
import { toMarket } from './ccxt-market-data.mapper';
import type { VenueProfile } from './venue-profile';

/**
 * Symbols in, ccxt markets out: a ccxt symbol ('BTC/USDT:USDT'), ccxt's market id ('BTCUSDT') or
 * the profile's native id (Hyperliquid's coin 'BTC'), case-insensitively for ids.
 */
export class CcxtMarketResolver {
  constructor(
    private readonly id: string,
    private readonly profile: VenueProfile,
  ) {}

  /** The loaded ccxt market for a symbol; call after loadMarkets. */
  find(exchange: Exchange, symbol: string): CcxtMarket {
    const markets = exchange.markets as Record<string, CcxtMarket | undefined>;
    const byId = exchange.markets_by_id as Record<string, CcxtMarket[] | undefined> | undefined;
    const market =
      markets[symbol] ??
      byId?.[symbol]?.[0] ??
      byId?.[symbol.toUpperCase()]?.[0] ??
      this.byNativeId(markets, symbol);
    if (market === undefined)
      throw new BadSymbolError(`${this.id} has no market ${symbol}`, { exchange: this.id, symbol });
    return market;
  }

  /** Market.id is the venue's user-facing native symbol (the profile's nativeId, else ccxt's id). */
  toMarket(exchange: Exchange, market: CcxtMarket): Market | undefined {
    const mapped = toMarket(market, (value) => String(exchange.numberToString(value)));
    const nativeId = this.profile.nativeId?.(market);
    return mapped === undefined || nativeId === undefined ? mapped : { ...mapped, id: nativeId };
  }

  private byNativeId(
    markets: Record<string, CcxtMarket | undefined>,
    symbol: string,
  ): CcxtMarket | undefined {
    const profile = this.profile;
    if (profile.nativeId === undefined) return undefined;
    const wanted = symbol.toUpperCase();
    return Object.values(markets).find(
      (market) => market !== undefined && profile.nativeId?.(market)?.toUpperCase() === wanted,
    );
  }
}
