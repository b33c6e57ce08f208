import type { StrategyRuntimeView } from '../strategy.types';
import type { OiMomentumState } from './oi-momentum.state';

const VIEW_COLUMNS = [
  'symbol',
  'state',
  'mark',
  'priceMovePct',
  'oiValue',
  'oiMovePct',
  'nextFundingTime',
  'fundingCountdownS',
  'refClose',
  'refOiValue',
] as const;

/** The per-symbol table of GET /v1/strategies/{id}. */
export function describeOiMomentum(s: OiMomentumState, now: number): StrategyRuntimeView {
  const rows = [...s.symbols.values()].map((r) => ({
    symbol: r.symbol,
    state: r.state,
    mark: r.mark ?? null,
    priceMovePct: r.priceMovePct ?? null,
    oiValue: r.oiValue ?? null,
    oiMovePct: r.oiMovePct ?? null,
    nextFundingTime: r.nextFundingTime ?? null,
    fundingCountdownS:
      r.nextFundingTime === undefined ? null : Math.max(0, Math.ceil((r.nextFundingTime - now) / 1000)),
    refClose: r.refClose ?? null,
    refOiValue: r.refOiValue ?? null,
  }));
  return {
    columns: VIEW_COLUMNS,
    rows,
    notes: {
      phase: s.universeFrozen ? 'running' : 'warming-up',
      universeSize: s.symbols.size,
      fundingCooldown: s.fundingCooldown,
      nextFundingTime: s.nextFundingTime ?? null,
    },
  };
}
