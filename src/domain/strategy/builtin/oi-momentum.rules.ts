import type { Ticker } from '../strategy.types';
import type { OiMomentumParams } from './oi-momentum.params';

/** 24 h range as % of the low: (high24h - low24h) / low24h * 100; NaN without a positive low. */
export function vol24hPct(t: Pick<Ticker, 'high24h' | 'low24h'>): number {
  return t.low24h > 0 ? ((t.high24h - t.low24h) / t.low24h) * 100 : NaN;
}

export interface UniverseCandidate {
  readonly symbol: string;
  readonly vol24hPct: number;
  readonly turnover24h: number;
}

/**
 * The universe: tickers with vol24h >= minVol24hPct and turnover24h >= minTurnover24h, the highest
 * turnover first (ties by symbol, so the choice never depends on arrival order), at most maxSymbols.
 */
export function selectUniverse(
  tickers: Iterable<Ticker>,
  p: Pick<OiMomentumParams, 'minVol24hPct' | 'minTurnover24h' | 'maxSymbols'>,
): UniverseCandidate[] {
  const passing: UniverseCandidate[] = [];
  for (const t of tickers) {
    const vol = vol24hPct(t);
    if (vol >= p.minVol24hPct && t.turnover24h >= p.minTurnover24h) {
      passing.push({ symbol: t.symbol, vol24hPct: vol, turnover24h: t.turnover24h });
    }
  }
  passing.sort((a, b) => b.turnover24h - a.turnover24h || (a.symbol < b.symbol ? -1 : 1));
  return passing.slice(0, p.maxSymbols);
}

/** (now - reference) / reference * 100. */
export function movePct(now: number, reference: number): number {
  return ((now - reference) / reference) * 100;
}

export type Direction = 'LONG' | 'SHORT';

/**
 * The strict entry rule. Open interest must have grown by at least y % (new positions are being
 * opened, not closed: a move on falling OI is liquidations or profit-taking, never an entry);
 * then LONG when the price rose by at least x %, SHORT when it fell by at least x %. Both bounds
 * are inclusive; anything else is no entry.
 */
export function decideDirection(
  priceMove: number,
  oiMove: number,
  p: Pick<OiMomentumParams, 'priceMovePct' | 'oiMovePct' | 'sides'>,
): Direction | undefined {
  if (!(oiMove >= p.oiMovePct)) return undefined;
  if (priceMove >= p.priceMovePct && p.sides !== 'short') return 'LONG';
  if (priceMove <= -p.priceMovePct && p.sides !== 'long') return 'SHORT';
  return undefined;
}

/**
 * The global funding pause: from cooldown before the next funding time until cooldown after the
 * last one (funding flows move price and OI around the settlement without telling anything).
 */
export function inFundingCooldown(
  now: number,
  nextFundingTime: number | undefined,
  lastFundingTime: number | undefined,
  cooldownMs: number,
): boolean {
  if (
    nextFundingTime !== undefined &&
    now >= nextFundingTime - cooldownMs &&
    now <= nextFundingTime + cooldownMs
  )
    return true;
  return lastFundingTime !== undefined && now >= lastFundingTime && now <= lastFundingTime + cooldownMs;
}

/** Entry limit price: a buy offset below the mark, a sell above. */
export function entryPrice(direction: Direction, mark: number, offsetPct: number): number {
  return direction === 'LONG' ? mark * (1 - offsetPct / 100) : mark * (1 + offsetPct / 100);
}

/** Take-profit and stop-loss triggers around the entry, on the side that closes the position. */
export function exitTriggers(
  direction: Direction,
  entry: number,
  p: Pick<OiMomentumParams, 'takeProfitPct' | 'stopLossPct'>,
): { takeProfit: number; stopLoss: number } {
  const sign = direction === 'LONG' ? 1 : -1;
  return {
    takeProfit: entry * (1 + (sign * p.takeProfitPct) / 100),
    stopLoss: entry * (1 - (sign * p.stopLossPct) / 100),
  };
}
