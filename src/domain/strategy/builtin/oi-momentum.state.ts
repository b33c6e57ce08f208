import type { Ticker } from '../strategy.types';
import type { Direction } from './oi-momentum.rules';

/**
 * WAITING: no reference yet; ARMED: a reference close and OI value exist, evaluated every second;
 * ENTRY_PENDING: the limit entry is working; IN_POSITION: take-profit and stop-loss are working;
 * REARM: the cycle ended, back to ARMED after the re-arm delay.
 */
export type OiSymbolState = 'WAITING' | 'ARMED' | 'ENTRY_PENDING' | 'IN_POSITION' | 'REARM';

export interface OiSymbol {
  readonly symbol: string;
  state: OiSymbolState;
  mark: number | undefined;
  oiValue: number | undefined;
  nextFundingTime: number | undefined;
  lastFundingTime: number | undefined;
  refClose: number | undefined;
  refOiValue: number | undefined;
  priceMovePct: number | undefined;
  oiMovePct: number | undefined;
  direction: Direction | undefined;
  entryRef: string | undefined;
  entryPlacedAt: number;
  exitRefs: string[]; // take-profit and stop-loss, or a market close
  rearmAt: number;
}

export interface OiMomentumState {
  startedAt: number | undefined;
  universeFrozen: boolean;
  readonly warmupTickers: Map<string, Ticker>;
  readonly symbols: Map<string, OiSymbol>; // the frozen universe, in selection order
  nextFundingTime: number | undefined; // the earliest over the universe
  fundingCooldown: boolean;
}

/** A universe symbol's row when the universe is frozen, with what its last ticker said. */
export function row(symbol: string, t: Ticker | undefined): OiSymbol {
  return {
    symbol,
    state: 'WAITING',
    mark: t === undefined ? undefined : (t.markPrice ?? t.last),
    oiValue: t?.openInterestValue,
    nextFundingTime: t?.nextFundingTime,
    lastFundingTime: undefined,
    refClose: undefined,
    refOiValue: undefined,
    priceMovePct: undefined,
    oiMovePct: undefined,
    direction: undefined,
    entryRef: undefined,
    entryPlacedAt: 0,
    exitRefs: [],
    rearmAt: 0,
  };
}
