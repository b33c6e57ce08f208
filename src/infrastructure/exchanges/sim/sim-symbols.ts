import type { Market } from '../market-data.types';
import { BadSymbolError } from '../exchange.errors';
import type { SimMarket } from './sim-markets';

/** The sim venue's native id of a market: base and quote run together, as on Binance ('BTCUSDT'). */
export function nativeIdOf(market: SimMarket): string {
  return `${market.base}${market.quote}`;
}

export function toMarket(market: SimMarket): Market {
  return {
    symbol: market.symbol,
    id: nativeIdOf(market),
    base: market.base,
    quote: market.quote,
    settle: market.settle,
    type: 'swap',
    contractType: market.contractType,
    tickSize: market.tickSize,
    lotSize: market.lotSize,
    minQuantity: market.minQuantity,
    contractSize: '1',
    maxLeverage: market.maxLeverage,
    active: true,
  };
}

/** Resolves ccxt ('BTC/USDT:USDT') and native ('BTCUSDT', any case) symbols to the sim's markets. */
export class SimSymbols {
  private readonly bySymbol = new Map<string, SimMarket>();

  constructor(
    private readonly exchangeId: string,
    markets: readonly SimMarket[],
  ) {
    for (const market of markets) {
      this.bySymbol.set(market.symbol, market);
      this.bySymbol.set(nativeIdOf(market), market);
    }
  }

  resolve(symbol: string): SimMarket {
    const market = this.bySymbol.get(symbol) ?? this.bySymbol.get(symbol.toUpperCase());
    if (market === undefined) {
      throw new BadSymbolError(`${this.exchangeId} has no market ${symbol}`, {
        exchange: this.exchangeId,
        symbol,
      });
    }
    return market;
  }
}
