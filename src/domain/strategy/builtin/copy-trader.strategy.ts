import type { Strategy, StrategyContext, StrategyDefinition } from '../strategy-definition';
import type { LeaderFill, LeaderPosition, StrategyRuntimeView } from '../strategy.types';
import {
  checkCopyTraderParams,
  copyTraderSchema,
  parsePairs,
  type CopyTraderParams,
} from './copy-trader.params';

const SEEN_LIMIT = 50_000; // fill ids remembered for de-duplication (the oldest are forgotten first)

export interface CopiedSymbol {
  readonly symbol: string;
  readonly leaderSymbol: string;
  leaderPosition: number | null; // from the last positions update
  expectedPosition: number | null; // leaderPosition * sizeRatio
  driftPct: number | null;
  carry: number; // signed quantity below one lot, not sent yet
  fillsCopied: number;
}

export interface CopyTraderState {
  readonly seen: Set<string>;
  readonly seenOrder: string[];
  readonly bySymbol: Map<string, CopiedSymbol>;
  /**
   * Per symbol, the drift the last positions update found and did not correct yet: the leader's
   * position, ours and the correction, as one key. Confirmed when the next update finds the same.
   */
  readonly driftSeen: Map<string, string>;
  snapshotFillsSkipped: number;
  duplicatesSkipped: number;
  unmappedSkipped: number;
  driftAlerts: number;
}

type Ctx = StrategyContext<CopyTraderState>;

/** Symbol mapping and lot steps, resolved once from the params. */
class Mirror {
  private readonly symbols: Map<string, string>;
  private readonly lots: Map<string, number>;

  constructor(private readonly p: CopyTraderParams) {
    this.symbols = parsePairs(p.symbolMap).map;
    this.lots = new Map([...parsePairs(p.lotSizes).map].map(([k, v]) => [k, Number(v)]));
  }

  symbolFor(leaderSymbol: string): string | undefined {
    const mapped = this.symbols.get(leaderSymbol);
    if (mapped !== undefined) return mapped;
    return this.p.symbolSuffix === '' ? undefined : `${leaderSymbol}${this.p.symbolSuffix}`;
  }

  lotFor(symbol: string): number {
    return this.lots.get(symbol) ?? this.p.lotSize;
  }
}

/** Whole lots toward zero (with a hair of tolerance for float noise), as a signed quantity on the lot grid. */
export function roundToLots(quantity: number, lot: number): number {
  const lots = Math.trunc(quantity / lot + (quantity >= 0 ? 1e-9 : -1e-9));
  return lots === 0 ? 0 : Number((lots * lot).toFixed(decimalsOf(lot)));
}

function decimalsOf(step: number): number {
  const text = step.toString();
  const e = text.indexOf('e-');
  if (e >= 0)
    return Number(text.slice(e + 2)) + Math.max(0, text.indexOf('.') < 0 ? 0 : e - text.indexOf('.') - 1);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function clean(x: number): number {
  return Math.abs(x) < 1e-12 ? 0 : Number(x.toPrecision(12));
}

function rowFor(ctx: Ctx, symbol: string, leaderSymbol: string): CopiedSymbol {
  let r = ctx.state.bySymbol.get(symbol);
  if (r === undefined) {
    r = {
      symbol,
      leaderSymbol,
      leaderPosition: null,
      expectedPosition: null,
      driftPct: null,
      carry: 0,
      fillsCopied: 0,
    };
    ctx.state.bySymbol.set(symbol, r);
  }
  return r;
}

function remember(s: CopyTraderState, fillId: string): boolean {
  if (s.seen.has(fillId)) return false;
  s.seen.add(fillId);
  s.seenOrder.push(fillId);
  if (s.seenOrder.length > SEEN_LIMIT) s.seen.delete(s.seenOrder.shift() ?? '');
  return true;
}

function mirrorFill(p: CopyTraderParams, m: Mirror, ctx: Ctx, f: LeaderFill): void {
  if (!remember(ctx.state, f.fillId)) {
    ctx.state.duplicatesSkipped++;
    return;
  }
  const symbol = m.symbolFor(f.symbol);
  if (symbol === undefined) {
    ctx.state.unmappedSkipped++;
    return;
  }
  const r = rowFor(ctx, symbol, f.symbol);
  ctx.state.driftSeen.delete(symbol); // a leader fill moves both positions: a drift seen before is stale
  const lot = m.lotFor(symbol);
  const mirrored = (f.side === 'buy' ? 1 : -1) * f.quantity * p.sizeRatio;
  const wanted = r.carry + mirrored;
  const quantity = roundToLots(wanted, lot);
  const carriedBefore = r.carry;
  r.carry = clean(wanted - quantity);
  r.fillsCopied++;
  if (quantity === 0) return; // below one lot: carried to the next fill
  ctx.place(
    { orderType: 'market', symbol, side: quantity > 0 ? 'buy' : 'sell', quantity: Math.abs(quantity) },
    {
      name: 'copy-trader.mirror',
      inputs: {
        leaderFillId: f.fillId,
        leaderSymbol: f.symbol,
        leaderSide: f.side,
        leaderQuantity: f.quantity,
        leaderPrice: f.price,
        leaderTime: f.time,
        sizeRatio: p.sizeRatio,
        symbol,
        lotSize: lot,
        mirroredQuantity: mirrored,
        carriedBefore,
        carriedAfter: r.carry,
      },
    },
  );
}

/**
 * Compares each copied symbol with the leader's position times the ratio. Drift above the
 * threshold (and at least one lot) is corrected with a market order for the difference once two
 * positions updates in a row have found the same drift (the same leader position, ours and
 * correction), with no leader fill mirrored and no order of ours for the symbol open in between.
 *
 * Why two: the venue moves the leader's positions (REST) before its fill reaches us (websocket).
 * A positions read that lands in that gap sees the leader's new position while our mirror order
 * does not exist yet; correcting it at once and then mirroring the fill would double the exposure.
 * A drift that is still there one update later is not that gap (unless the fill lags by more than
 * a whole positions interval, 60 s by default): a fill we missed, a rounding remainder, a refusal.
 */
function checkDrift(p: CopyTraderParams, m: Mirror, ctx: Ctx, positions: readonly LeaderPosition[]): void {
  const leader = new Map<string, number>();
  for (const lp of positions) {
    const symbol = m.symbolFor(lp.symbol);
    if (symbol === undefined) continue;
    leader.set(symbol, lp.quantity);
    rowFor(ctx, symbol, lp.symbol);
  }
  for (const r of ctx.state.bySymbol.values()) {
    const leaderPosition = leader.get(r.symbol) ?? 0; // absent from the update: the leader is flat
    const expected = clean(leaderPosition * p.sizeRatio);
    const ours = ctx.position(r.symbol).quantity;
    const difference = clean(expected - ours);
    const driftPct =
      expected !== 0 ? (Math.abs(difference) / Math.abs(expected)) * 100 : ours !== 0 ? 100 : 0;
    r.leaderPosition = leaderPosition;
    r.expectedPosition = expected;
    r.driftPct = driftPct;
    const lot = m.lotFor(r.symbol);
    const correction = roundToLots(difference, lot);
    const seenBefore = ctx.state.driftSeen.get(r.symbol);
    // an open order of ours may be the difference: the count starts again once it is done
    if (!(driftPct > p.driftThresholdPct) || correction === 0 || ctx.openOrders(r.symbol).length > 0) {
      ctx.state.driftSeen.delete(r.symbol);
      continue;
    }
    const sighting = `${leaderPosition}|${ours}|${correction}`;
    ctx.state.driftSeen.set(r.symbol, sighting);
    if (seenBefore !== sighting) continue; // first sighting: the leader's fill may be on its way
    ctx.state.driftAlerts++;
    if (!p.correctDrift) continue; // only reported (again on every update while it lasts)
    ctx.state.driftSeen.delete(r.symbol); // the correction changes our position: a new count after it
    r.carry = 0; // the correction realigns the position; a remainder from before no longer applies
    ctx.place(
      {
        orderType: 'market',
        symbol: r.symbol,
        side: correction > 0 ? 'buy' : 'sell',
        quantity: Math.abs(correction),
      },
      {
        name: 'copy-trader.drift-correction',
        inputs: {
          symbol: r.symbol,
          leaderSymbol: r.leaderSymbol,
          leaderPosition,
          sizeRatio: p.sizeRatio,
          expectedPosition: expected,
          position: ours,
          driftPct,
          driftThresholdPct: p.driftThresholdPct,
          lotSize: lot,
          correction,
        },
      },
    );
  }
}

export function describeCopyTrader(s: CopyTraderState): StrategyRuntimeView {
  return {
    columns: [
      'symbol',
      'leaderSymbol',
      'leaderPosition',
      'expectedPosition',
      'driftPct',
      'carry',
      'fillsCopied',
    ],
    rows: [...s.bySymbol.values()].map((r) => ({ ...r })),
    notes: {
      fillIdsSeen: s.seen.size,
      snapshotFillsSkipped: s.snapshotFillsSkipped,
      duplicatesSkipped: s.duplicatesSkipped,
      unmappedSkipped: s.unmappedSkipped,
      driftAlerts: s.driftAlerts,
    },
  };
}

export const copyTraderStrategy: StrategyDefinition<CopyTraderParams, CopyTraderState> = {
  id: 'copy-trader',
  description:
    "Mirrors a leader account's fills (Hyperliquid userFills; the replayed snapshot is skipped) with a size ratio and a symbol map, de-duplicated by fill id and rounded to the lot (the remainder carried), and corrects drift against the leader's positions.",
  paramsSchema: copyTraderSchema,
  check: checkCopyTraderParams,
  create(params): Strategy<CopyTraderState> {
    const mirror = new Mirror(params);
    return {
      initialState: () => ({
        seen: new Set(),
        seenOrder: [],
        bySymbol: new Map(),
        driftSeen: new Map(),
        snapshotFillsSkipped: 0,
        duplicatesSkipped: 0,
        unmappedSkipped: 0,
        driftAlerts: 0,
      }),
      onFeed(ctx, feed) {
        switch (feed.type) {
          case 'leader-fills':
            if (feed.isSnapshot) {
              // history replayed on subscribe: remembered so a later replay is not copied either
              for (const f of feed.fills) remember(ctx.state, f.fillId);
              ctx.state.snapshotFillsSkipped += feed.fills.length;
              return;
            }
            for (const f of feed.fills) mirrorFill(params, mirror, ctx, f);
            return;
          case 'leader-positions':
            checkDrift(params, mirror, ctx, feed.positions);
            return;
        }
      },
      describe: (state) => describeCopyTrader(state),
    };
  },
};
