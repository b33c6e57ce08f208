import { amountOf, priceOf, type SymbolModel } from './sim-price-path';
import { hash3, SplitMix32 } from './sim-random';

export type SimBookLevel = [price: number, amount: number];

/** ccxt's order book shape: bids descending, asks ascending. */
export interface SimOrderBook {
  readonly symbol: string;
  readonly timestamp: number;
  readonly bids: SimBookLevel[];
  readonly asks: SimBookLevel[];
  readonly nonce: number;
}

export const SIM_BOOK_DEPTH = 25;

const rng = new SplitMix32();

/**
 * A book around the last trade price: the last price lies between the best bid and the best ask,
 * levels step out by 1 to a few ticks (about 0.2 bp of price), sizes grow with depth and vary per
 * second. Keyed by (symbol, second, side), so a given instant always shows the same book, and a
 * shallower book is the deeper one cut (each side draws its levels from its own stream).
 */
export function bookAround(
  model: SymbolModel,
  lastTicks: number,
  atMs: number,
  depth = SIM_BOOK_DEPTH,
): SimOrderBook {
  const second = Math.floor(atMs / 1000);
  rng.reset(hash3(model.key, second, 3));
  const maxGap = Math.max(1, Math.round(lastTicks * 0.00002));
  const spread = 1 + rng.int(maxGap);
  const bestBid = Math.max(1, lastTicks - rng.int(spread + 1));
  const bestAsk = bestBid + spread;
  const baseLots = Math.max(1, model.lotsPerMinute / 60);
  const side = (best: number, direction: 1 | -1): SimBookLevel[] => {
    const levels: SimBookLevel[] = [];
    let ticks = best;
    for (let i = 0; i < depth && ticks >= 1; i++) {
      const lots = Math.max(1, Math.round(baseLots * (0.3 + 0.15 * i) * Math.exp(0.6 * rng.gaussian())));
      levels.push([priceOf(model, ticks), amountOf(model, lots)]);
      ticks += direction * (1 + rng.int(maxGap));
    }
    return levels;
  };
  const bids = side(bestBid, -1);
  // The asks draw from their own stream: the same instant shows the same asks at any depth.
  rng.reset(hash3(model.key, second, 6));
  const asks = side(bestAsk, 1);
  return {
    symbol: model.market.symbol,
    timestamp: atMs,
    bids,
    asks,
    nonce: second,
  };
}
