import { Atr, Bollinger, Ema, Macd, Rsi, Sma } from '../indicators';
import type { IndicatorKit, Strategy, StrategyContext } from './strategy-definition';
import type {
  Candle,
  OpenOrderSnapshot,
  PlaceOrder,
  PositionSnapshot,
  SignalReason,
  StrategyFeed,
  StrategyFill,
  StrategyOrderClosed,
  StrategyRefusal,
  StrategyRuntimeView,
  StrategySignal,
  Ticker,
} from './strategy.types';

const indicatorKit: IndicatorKit = {
  sma: (p) => new Sma(p),
  ema: (p) => new Ema(p),
  rsi: (p) => new Rsi(p),
  atr: (p) => new Atr(p),
  bollinger: (p, k) => new Bollinger(p, k),
  macd: (f, s, g) => new Macd(f, s, g),
};

const NO_SIGNALS: readonly StrategySignal[] = Object.freeze([]);

export interface StrategyFailure {
  readonly hook: string;
  readonly at: number;
  readonly message: string;
}

/**
 * The runner's side of one strategy run, the same in backtest, paper and live: it feeds hooks,
 * collects the signals they emit (each call returns them, in order), keeps the strategy's view of
 * its positions and open orders from the fills and refusals the runner reports back, and catches a
 * throwing hook (the run is then failed and ignores further calls, the runner stops it with an event).
 */
export class StrategySession<S = unknown> implements StrategyContext<S> {
  now = 0;
  readonly state: S;
  readonly indicators = indicatorKit;
  failure: StrategyFailure | undefined;
  private signals: StrategySignal[] | undefined; // what the running hook emitted (none: undefined)
  // the snapshots position() hands out: immutable, replaced by each fill (no object per call)
  private readonly positions = new Map<string, PositionSnapshot>();
  // in placing order; an array, not a Map by ref: a strategy has a few orders open, and a Map that
  // empties on every fill reallocates its table each time (~0.2 µs and 160 bytes per fill)
  private readonly open: OpenOrderSnapshot[] = [];
  private nextRef = 1;

  constructor(
    private readonly strategy: Strategy<S>,
    readonly symbols: readonly string[],
    private readonly refPrefix = 's',
  ) {
    this.state = strategy.initialState();
  }

  get timerIntervalMs(): number | undefined {
    return this.strategy.timerIntervalMs;
  }

  start(now: number): readonly StrategySignal[] {
    return this.run('onStart', now, () => this.strategy.onStart?.(this));
  }

  candle(candle: Candle, now: number): readonly StrategySignal[] {
    // The per-bar path of a backtest: no closure, no allocation when nothing is emitted.
    const strategy = this.strategy;
    if (strategy.onCandle === undefined || this.failure !== undefined) return NO_SIGNALS;
    this.now = now;
    try {
      strategy.onCandle(this, candle);
    } catch (error: unknown) {
      return this.fail('onCandle', now, error);
    }
    return this.drain();
  }

  ticker(ticker: Ticker, now: number): readonly StrategySignal[] {
    return this.run('onTicker', now, () => this.strategy.onTicker?.(this, ticker));
  }

  timer(now: number): readonly StrategySignal[] {
    return this.run('onTimer', now, () => this.strategy.onTimer?.(this));
  }

  feed(feed: StrategyFeed, now: number): readonly StrategySignal[] {
    return this.run('onFeed', now, () => this.strategy.onFeed?.(this, feed));
  }

  stop(now: number): readonly StrategySignal[] {
    return this.run('onStop', now, () => this.strategy.onStop?.(this));
  }

  fill(fill: StrategyFill, now: number): readonly StrategySignal[] {
    this.applyFill(fill);
    // a backtest reports thousands of fills: no closure for a strategy without the hook
    if (this.strategy.onFill === undefined) return this.noHook(now);
    return this.run('onFill', now, () => this.strategy.onFill?.(this, fill));
  }

  refused(refusal: StrategyRefusal, now: number): readonly StrategySignal[] {
    if (refusal.intent === 'place') this.closeOpen(refusal.ref);
    if (this.strategy.onRefused === undefined) return this.noHook(now);
    return this.run('onRefused', now, () => this.strategy.onRefused?.(this, refusal));
  }

  orderClosed(closed: StrategyOrderClosed, now: number): readonly StrategySignal[] {
    if (!this.closeOpen(closed.ref)) return NO_SIGNALS;
    if (this.strategy.onOrderClosed === undefined) return this.noHook(now);
    return this.run('onOrderClosed', now, () => this.strategy.onOrderClosed?.(this, closed));
  }

  describe(now: number): StrategyRuntimeView | undefined {
    return this.strategy.describe?.(this.state, now);
  }

  position(symbol: string): PositionSnapshot {
    let p = this.positions.get(symbol);
    if (p === undefined) {
      p = { symbol, quantity: 0, entryPrice: 0 };
      this.positions.set(symbol, p);
    }
    return p;
  }

  openOrders(symbol?: string): readonly OpenOrderSnapshot[] {
    const all = this.open.slice();
    return symbol === undefined ? all : all.filter((o) => o.order.symbol === symbol);
  }

  place(order: PlaceOrder, why: SignalReason): string {
    const ref = `${this.refPrefix}${this.nextRef++}`;
    this.open.push({ ref, order, filled: 0, placedAt: this.now });
    // Object.assign, not {...order, kind, ref}: V8 (Node 20) takes a slow path, ~3 µs, when a
    // spread literal adds properties after the spread
    this.emit(why, Object.assign({}, order, { kind: 'place' as const, ref }));
    return ref;
  }

  amend(
    ref: string,
    changes: { price?: number; quantity?: number; triggerPrice?: number },
    why: SignalReason,
  ): void {
    this.emit(why, { kind: 'amend', ref, ...changes });
  }

  cancel(ref: string, why: SignalReason): void {
    this.emit(why, { kind: 'cancel', ref });
  }

  private emit(why: SignalReason, intent: StrategySignal['intent']): void {
    const signal: StrategySignal = { at: this.now, name: why.name, inputs: why.inputs, intent };
    // a hook mostly emits one: an array of one (a first push to an empty array reserves 17 slots)
    if (this.signals === undefined) this.signals = [signal];
    else this.signals.push(signal);
  }

  private applyFill(fill: StrategyFill): void {
    const i = this.openIndex(fill.ref);
    const order = this.open[i];
    if (order !== undefined) {
      if (fill.remaining <= 0) this.open.splice(i, 1);
      else {
        const filled = order.filled + fill.quantity;
        this.open[i] = { ref: order.ref, order: order.order, filled, placedAt: order.placedAt };
      }
    }
    const p = this.position(fill.symbol);
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    const next = p.quantity + signed;
    let entryPrice = p.entryPrice;
    if (p.quantity === 0 || Math.sign(p.quantity) === Math.sign(signed)) {
      // adding: the entry is the quantity-weighted average
      entryPrice = (p.entryPrice * Math.abs(p.quantity) + fill.price * fill.quantity) / Math.abs(next);
    } else if (Math.sign(next) !== Math.sign(p.quantity) && next !== 0) {
      entryPrice = fill.price; // flipped: the remainder opened at this fill
    }
    const quantity = Math.abs(next) < 1e-12 ? 0 : next;
    this.positions.set(fill.symbol, {
      symbol: fill.symbol,
      quantity,
      entryPrice: quantity === 0 ? 0 : entryPrice,
    });
  }

  /** Where the open order `ref` is in `open`, -1 when it is not open. */
  private openIndex(ref: string): number {
    const open = this.open;
    for (let i = 0; i < open.length; i++) if ((open[i] as OpenOrderSnapshot).ref === ref) return i;
    return -1;
  }

  /** Forgets the open order `ref`; false when it was not open. */
  private closeOpen(ref: string): boolean {
    const i = this.openIndex(ref);
    if (i < 0) return false;
    this.open.splice(i, 1);
    return true;
  }

  private run(hook: string, now: number, call: () => void): readonly StrategySignal[] {
    if (this.failure !== undefined) return NO_SIGNALS;
    this.now = now;
    try {
      call();
    } catch (error: unknown) {
      return this.fail(hook, now, error);
    }
    return this.drain();
  }

  /** What run() gives for a hook the strategy does not have: the clock moves, nothing is emitted. */
  private noHook(now: number): readonly StrategySignal[] {
    if (this.failure === undefined) this.now = now;
    return NO_SIGNALS;
  }

  private fail(hook: string, now: number, error: unknown): readonly StrategySignal[] {
    this.failure = { hook, at: now, message: error instanceof Error ? error.message : String(error) };
    this.signals = undefined;
    return NO_SIGNALS;
  }

  private drain(): readonly StrategySignal[] {
    const out = this.signals ?? NO_SIGNALS;
    this.signals = undefined;
    return out;
  }
}
