import type { Strategy, StrategyContext, StrategyDefinition } from '../strategy-definition';
import type {
  Candle,
  SignalInputs,
  StrategyFill,
  StrategyOrderClosed,
  StrategyRefusal,
  Ticker,
} from '../strategy.types';
import { row, type OiMomentumState, type OiSymbol } from './oi-momentum.state';
import { describeOiMomentum } from './oi-momentum.view';
import { oiMomentumSchema, type OiMomentumParams } from './oi-momentum.params';
import {
  decideDirection,
  entryPrice,
  exitTriggers,
  inFundingCooldown,
  movePct,
  selectUniverse,
  type Direction,
} from './oi-momentum.rules';

type Ctx = StrategyContext<OiMomentumState>;

function onTicker(ctx: Ctx, t: Ticker): void {
  const s = ctx.state;
  if (!s.universeFrozen) s.warmupTickers.set(t.symbol, t);
  const r = s.symbols.get(t.symbol);
  if (r === undefined) return;
  r.mark = t.markPrice ?? t.last;
  if (t.openInterestValue !== undefined) r.oiValue = t.openInterestValue;
  if (t.nextFundingTime !== undefined) {
    // the settlement passed when the venue moves to the next one: keep it for the after-window
    if (r.nextFundingTime !== undefined && t.nextFundingTime > r.nextFundingTime)
      r.lastFundingTime = r.nextFundingTime;
    r.nextFundingTime = t.nextFundingTime;
  }
}

/** Global: any universe symbol near its funding time pauses every symbol. */
function fundingCooldown(s: OiMomentumState, now: number, cooldownMs: number): boolean {
  let next: number | undefined;
  let paused = false;
  for (const r of s.symbols.values()) {
    if (r.nextFundingTime !== undefined && (next === undefined || r.nextFundingTime < next))
      next = r.nextFundingTime;
    if (inFundingCooldown(now, r.nextFundingTime, r.lastFundingTime, cooldownMs)) paused = true;
  }
  s.nextFundingTime = next;
  return paused;
}

function onCandle(ctx: Ctx, c: Candle): void {
  const r = ctx.state.symbols.get(c.symbol);
  if (r === undefined) return;
  r.refClose = c.close;
  r.refOiValue = r.oiValue;
  if (r.state === 'WAITING' && r.refOiValue !== undefined) r.state = 'ARMED';
}

function onTimer(p: OiMomentumParams, ctx: Ctx): void {
  const s = ctx.state;
  const now = ctx.now;
  if (!s.universeFrozen) {
    if (s.startedAt === undefined || now < s.startedAt + p.warmupMs) return;
    for (const c of selectUniverse(s.warmupTickers.values(), p)) {
      s.symbols.set(c.symbol, row(c.symbol, s.warmupTickers.get(c.symbol)));
    }
    s.universeFrozen = true;
    s.warmupTickers.clear();
  }
  s.fundingCooldown = fundingCooldown(s, now, p.fundingCooldownMs);
  for (const r of s.symbols.values()) {
    const ready = r.refClose !== undefined && r.refOiValue !== undefined;
    r.priceMovePct = ready && r.mark !== undefined ? movePct(r.mark, r.refClose ?? NaN) : undefined;
    r.oiMovePct = ready && r.oiValue !== undefined ? movePct(r.oiValue, r.refOiValue ?? NaN) : undefined;
    switch (r.state) {
      case 'WAITING':
        if (ready) r.state = 'ARMED';
        break;
      case 'ARMED':
        if (!s.fundingCooldown) evaluate(p, ctx, r);
        break;
      case 'ENTRY_PENDING':
        if (r.entryRef !== undefined && now - r.entryPlacedAt >= p.entryTimeoutMs) {
          ctx.cancel(r.entryRef, {
            name: 'oi-momentum.entry-timeout',
            inputs: { symbol: r.symbol, placedAt: r.entryPlacedAt, timeoutMs: p.entryTimeoutMs, now },
          });
          r.entryPlacedAt = Infinity; // asked once; the close (or a late fill) moves the state on
        }
        break;
      case 'REARM':
        if (now >= r.rearmAt) r.state = ready ? 'ARMED' : 'WAITING';
        break;
      case 'IN_POSITION':
        break;
    }
  }
}

function evaluate(p: OiMomentumParams, ctx: Ctx, r: OiSymbol): void {
  if (r.priceMovePct === undefined || r.oiMovePct === undefined || r.mark === undefined) return;
  const direction = decideDirection(r.priceMovePct, r.oiMovePct, p);
  if (direction === undefined) return;
  const price = entryPrice(direction, r.mark, p.entryOffsetPct);
  const inputs: SignalInputs = {
    symbol: r.symbol,
    direction,
    mark: r.mark,
    refClose: r.refClose ?? null,
    priceMovePct: r.priceMovePct,
    oiValue: r.oiValue ?? null,
    refOiValue: r.refOiValue ?? null,
    oiMovePct: r.oiMovePct,
    priceMoveThresholdPct: p.priceMovePct,
    oiMoveThresholdPct: p.oiMovePct,
    entryOffsetPct: p.entryOffsetPct,
    limitPrice: price,
    orderNotional: p.orderNotional,
  };
  r.entryRef = ctx.place(
    {
      orderType: 'limit',
      symbol: r.symbol,
      side: direction === 'LONG' ? 'buy' : 'sell',
      price,
      quantity: p.orderNotional / price,
    },
    { name: `oi-momentum.enter-${direction === 'LONG' ? 'long' : 'short'}`, inputs },
  );
  r.direction = direction;
  r.entryPlacedAt = ctx.now;
  r.state = 'ENTRY_PENDING';
}

/** Take-profit and stop-loss for the whole position, reduce-only, around its average entry. */
function protect(p: OiMomentumParams, ctx: Ctx, r: OiSymbol): void {
  const position = ctx.position(r.symbol);
  const direction: Direction = position.quantity > 0 ? 'LONG' : 'SHORT';
  const { takeProfit, stopLoss } = exitTriggers(direction, position.entryPrice, p);
  const side = direction === 'LONG' ? 'sell' : 'buy';
  const quantity = Math.abs(position.quantity);
  const inputs = {
    symbol: r.symbol,
    direction,
    entryPrice: position.entryPrice,
    quantity,
    takeProfitPct: p.takeProfitPct,
    stopLossPct: p.stopLossPct,
  };
  const base = { symbol: r.symbol, side, quantity, reduceOnly: true } as const;
  r.exitRefs = [
    ctx.place(
      { ...base, orderType: 'take_profit_market', triggerPrice: takeProfit },
      { name: 'oi-momentum.take-profit', inputs: { ...inputs, triggerPrice: takeProfit } },
    ),
    ctx.place(
      { ...base, orderType: 'stop_market', triggerPrice: stopLoss },
      { name: 'oi-momentum.stop-loss', inputs: { ...inputs, triggerPrice: stopLoss } },
    ),
  ];
  r.state = 'IN_POSITION';
}

function endCycle(p: OiMomentumParams, ctx: Ctx, r: OiSymbol): void {
  r.state = 'REARM';
  r.rearmAt = ctx.now + p.rearmDelayMs;
  r.entryRef = undefined;
  r.direction = undefined;
  r.exitRefs = [];
}

function bySymbolRef(ctx: Ctx, ref: string): OiSymbol | undefined {
  for (const r of ctx.state.symbols.values()) if (r.entryRef === ref || r.exitRefs.includes(ref)) return r;
  return undefined;
}

function onFill(p: OiMomentumParams, ctx: Ctx, fill: StrategyFill): void {
  const r = bySymbolRef(ctx, fill.ref);
  if (r === undefined || fill.remaining > 0) return;
  if (fill.ref === r.entryRef) {
    r.entryRef = undefined;
    protect(p, ctx, r);
    return;
  }
  // an exit filled: cancel its sibling (one cancels the other), the cycle is over
  for (const other of r.exitRefs) {
    if (other !== fill.ref) {
      ctx.cancel(other, {
        name: 'oi-momentum.cancel-sibling',
        inputs: { symbol: r.symbol, filled: fill.ref },
      });
    }
  }
  endCycle(p, ctx, r);
}

function onOrderClosed(p: OiMomentumParams, ctx: Ctx, closed: StrategyOrderClosed): void {
  const r = bySymbolRef(ctx, closed.ref);
  if (r === undefined || closed.ref !== r.entryRef) return;
  r.entryRef = undefined;
  // a partly filled entry keeps what it got, protected; an empty one ends the cycle
  if (ctx.position(r.symbol).quantity !== 0) protect(p, ctx, r);
  else endCycle(p, ctx, r);
}

function onRefused(p: OiMomentumParams, ctx: Ctx, refusal: StrategyRefusal): void {
  const r = bySymbolRef(ctx, refusal.ref);
  if (r === undefined || refusal.intent !== 'place') return;
  if (refusal.ref === r.entryRef) {
    endCycle(p, ctx, r);
    return;
  }
  // an exit refused leaves the position unprotected: close it at market
  const position = ctx.position(r.symbol).quantity;
  if (position === 0) return;
  const ref = ctx.place(
    {
      orderType: 'market',
      symbol: r.symbol,
      side: position > 0 ? 'sell' : 'buy',
      quantity: Math.abs(position),
      reduceOnly: true,
    },
    {
      name: 'oi-momentum.close-unprotected',
      inputs: { symbol: r.symbol, refused: refusal.ref, code: refusal.code, position },
    },
  );
  r.exitRefs = [...r.exitRefs.filter((x) => x !== refusal.ref), ref];
}

export const oiMomentumStrategy: StrategyDefinition<OiMomentumParams, OiMomentumState> = {
  id: 'oi-momentum',
  description:
    'Open-interest momentum on perpetuals: a frozen universe of volatile, liquid symbols; LONG when price and open interest both rise past thresholds since the last candle close, SHORT when price falls while open interest rises; limit entry with timeout, then take-profit / stop-loss; paused around funding.',
  paramsSchema: oiMomentumSchema,
  create(params): Strategy<OiMomentumState> {
    return {
      timerIntervalMs: 1000,
      initialState: () => ({
        startedAt: undefined,
        universeFrozen: false,
        warmupTickers: new Map(),
        symbols: new Map(),
        nextFundingTime: undefined,
        fundingCooldown: false,
      }),
      onStart: (ctx) => {
        ctx.state.startedAt = ctx.now;
      },
      onTicker,
      onCandle,
      onTimer: (ctx) => onTimer(params, ctx),
      onFill: (ctx, fill) => onFill(params, ctx, fill),
      onOrderClosed: (ctx, closed) => onOrderClosed(params, ctx, closed),
      onRefused: (ctx, refusal) => onRefused(params, ctx, refusal),
      describe: describeOiMomentum,
    };
  },
};
