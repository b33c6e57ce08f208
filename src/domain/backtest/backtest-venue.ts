import {
  MatchingEngine,
  type EngineEvent,
  type Instrument,
  type OrderFilled,
  type OrderSide,
} from '../matching';
import { Dec, floorToStep } from '../shared/decimal';
import { decOf, toOrderRequest, type AmendIntent, type OrderIntent } from '../strategy';

/** What the venue reports back to the run loop. */
export interface VenueSink {
  fill(fill: OrderFilled, ref: string): void;
  refused(ref: string, intent: OrderIntent['kind'], code: string, message: string, at: number): void;
  closed(ref: string, reason: string, at: number): void;
  afterFills?(): void;
}

type WorkingKind = 'limit' | 'stop' | 'take_profit';

interface Working {
  readonly ref: string;
  readonly orderId: string;
  readonly side: OrderSide;
  readonly kind: WorkingKind;
  price: number; // limit price or trigger, on the tick grid
}

const DEEP = new Dec('1e9'); // synthesized liquidity: enough that our own size never walks the book

/**
 * The matching engine behind a candle-only venue. The run loop only calls it when an order is
 * routed or a working order can fill in the current bar (checked in float64 first), so bars with
 * nothing live never touch the decimal maths.
 *
 * Fill model (printed in the assumptions):
 * - an order reaches the venue at the open of the first bar starting at or after signal time +
 *   latency (a signal is taken at its bar's close);
 * - market orders take a one-sided book synthesized at that open, moved against the taker by the
 *   slippage (buy: open * (1 + bps), rounded up to the tick; sell: down), taker fee;
 * - a resting limit fills as maker at its own price when a later bar trades through it (buy: low
 *   strictly below the price; sell: high strictly above), or at once as taker if it crosses the
 *   synthesized book when it arrives; queue position is not modelled beyond "through";
 * - stop / take-profit markets trigger when the bar reaches the trigger and fill as taker at the
 *   trigger (or the open, if the bar opened beyond it) moved by the slippage;
 * - within one bar, stops are handled before limits and take-profits (the pessimistic order: a
 *   bar that touches both a stop loss and a take profit takes the loss).
 */
export class BacktestVenue {
  readonly engine: MatchingEngine;
  wallet: number;
  quantity = 0;
  entryPrice = 0;
  slippageCost = 0;
  private readonly working: Working[] = [];
  private readonly refOf = new Map<string, string>(); // orderId -> ref
  private readonly orderOf = new Map<string, string>(); // ref -> orderId
  private readonly slip: number;
  private referencePrice = 0;

  constructor(
    private readonly instrument: Instrument,
    config: {
      makerFeeRate: string;
      takerFeeRate: string;
      initialBalance: string;
      slippageBps: number;
      leverage: number;
    },
    private readonly sink: VenueSink,
  ) {
    this.engine = new MatchingEngine({
      instruments: [instrument],
      makerFeeRate: config.makerFeeRate,
      takerFeeRate: config.takerFeeRate,
      initialBalance: config.initialBalance,
      defaultLeverage: config.leverage,
      idPrefix: 'bt-',
    });
    this.wallet = Number(config.initialBalance);
    this.slip = config.slippageBps / 10_000;
  }

  get hasWorking(): boolean {
    return this.working.length > 0;
  }

  /** Routes one intent at a bar's open price. */
  route(intent: OrderIntent, open: number, now: number): void {
    switch (intent.kind) {
      case 'place': {
        const converted = toOrderRequest(intent, this.instrument);
        if (!converted.ok) {
          this.sink.refused(intent.ref, 'place', converted.code, converted.message, now);
          return;
        }
        this.setBook(intent.side, open, now);
        const events = this.engine.submit(converted.request, now);
        const first = events[0];
        const accepted = first?.type === 'accepted' ? first : undefined;
        if (accepted !== undefined) {
          this.refOf.set(accepted.orderId, intent.ref);
          this.orderOf.set(intent.ref, accepted.orderId);
        }
        const kind = workingKind(intent.orderType);
        this.apply(events, now, intent.ref);
        if (kind !== undefined && accepted !== undefined && this.isOpen(accepted.orderId)) {
          const req = converted.request;
          const price =
            req.type === 'limit' ? req.price : req.type === 'market' ? new Dec(0) : req.triggerPrice;
          this.working.push({
            ref: intent.ref,
            orderId: accepted.orderId,
            side: intent.side,
            kind,
            price: price.toNumber(),
          });
        }
        return;
      }
      case 'cancel': {
        const orderId = this.orderOf.get(intent.ref);
        if (orderId === undefined) {
          this.sink.refused(intent.ref, 'cancel', 'UNKNOWN_ORDER', `no open order ${intent.ref}`, now);
          return;
        }
        this.apply(this.engine.cancel(orderId, now), now, intent.ref);
        return;
      }
      case 'amend':
        this.amend(intent, now);
        return;
    }
  }

  /** Gives the working orders the bar's range: calls the engine only for those it can fill. */
  touch(open: number, high: number, low: number, now: number): void {
    // stops first (the pessimistic order within a bar), then limits and take-profits
    for (const pass of [true, false]) {
      for (const w of [...this.working]) {
        if ((w.kind === 'stop') !== pass || !this.isOpen(w.orderId)) continue;
        const buy = w.side === 'buy';
        if (w.kind === 'limit') {
          if (buy ? low < w.price : high > w.price) {
            this.trade(decOf(w.price), now);
          }
          continue;
        }
        // stop: a buy fires on the way up, a sell on the way down; take-profit: the other way
        const up = (w.kind === 'stop') === buy;
        if (up ? high >= w.price : low <= w.price) {
          const at = up ? Math.max(w.price, open) : Math.min(w.price, open);
          this.setBook(w.side, at, now);
          this.trade(decOf(at), now);
        }
      }
    }
  }

  funding(rate: number, mark: number, now: number): Dec | undefined {
    const events = this.engine.applyFunding(this.instrument.symbol, decOf(rate), decOf(mark), now);
    const e = events[0];
    if (e === undefined || e.type !== 'funding') return undefined;
    this.wallet += e.amount.toNumber();
    return e.amount;
  }

  private amend(intent: AmendIntent, now: number): void {
    const orderId = this.orderOf.get(intent.ref);
    const w = this.working.find((x) => x.ref === intent.ref);
    if (orderId === undefined || w === undefined) {
      this.sink.refused(intent.ref, 'amend', 'UNKNOWN_ORDER', `no working order ${intent.ref}`, now);
      return;
    }
    const tick = this.instrument.tickSize;
    const round = (p: number, mode: 'down' | 'up' | 'nearest'): Dec => {
      const t = decOf(p).div(tick);
      return (mode === 'down' ? t.floor() : mode === 'up' ? t.ceil() : t.round()).mul(tick);
    };
    const price =
      intent.price === undefined ? undefined : round(intent.price, w.side === 'buy' ? 'down' : 'up');
    const triggerPrice =
      intent.triggerPrice === undefined ? undefined : round(intent.triggerPrice, 'nearest');
    const quantity =
      intent.quantity === undefined
        ? undefined
        : floorToStep(decOf(intent.quantity), this.instrument.lotSize);
    const events = this.engine.amend(orderId, { price, triggerPrice, quantity }, now);
    for (const e of events) {
      if (e.type === 'amended') w.price = (e.price ?? e.triggerPrice ?? decOf(w.price)).toNumber();
    }
    this.apply(events, now, intent.ref, 'amend');
  }

  private setBook(side: OrderSide, price: number, now: number): void {
    const tick = this.instrument.tickSize.toNumber();
    this.referencePrice = price;
    const level =
      side === 'buy'
        ? Math.ceil((price * (1 + this.slip)) / tick - 1e-9)
        : Math.floor((price * (1 - this.slip)) / tick + 1e-9);
    const levelPrice = this.instrument.tickSize.mul(Math.max(1, level));
    const book = [{ price: levelPrice, quantity: DEEP }];
    const symbol = this.instrument.symbol;
    this.apply(
      this.engine.onBook(
        { symbol, bids: side === 'sell' ? book : [], asks: side === 'buy' ? book : [] },
        now,
      ),
      now,
    );
    this.engine.onMark(symbol, decOf(price), now);
  }

  private trade(price: Dec, now: number): void {
    this.referencePrice = price.toNumber();
    this.apply(this.engine.onTrade({ symbol: this.instrument.symbol, price, quantity: DEEP }, now), now);
  }

  private isOpen(orderId: string): boolean {
    return this.refOf.has(orderId);
  }

  private apply(
    events: readonly EngineEvent[],
    now: number,
    routedRef?: string,
    intent: OrderIntent['kind'] = 'place',
  ): void {
    let filled = false;
    for (const e of events) {
      switch (e.type) {
        case 'filled': {
          filled = true;
          const ref = this.refOf.get(e.orderId) ?? routedRef ?? e.orderId;
          const price = e.price.toNumber();
          const quantity = e.quantity.toNumber();
          if (e.liquidity === 'taker') this.slippageCost += Math.abs(price - this.referencePrice) * quantity;
          if (e.remaining.isZero()) this.forget(e.orderId);
          this.mirrorFill(
            e.side === 'buy' ? quantity : -quantity,
            price,
            e.realizedPnl.toNumber() - e.fee.toNumber(),
          );
          this.sink.fill(e, ref);
          break;
        }
        case 'cancelled': {
          const ref = this.refOf.get(e.orderId);
          this.forget(e.orderId);
          if (ref !== undefined) this.sink.closed(ref, e.reason, now);
          break;
        }
        case 'rejected': {
          const ref = this.refOf.get(e.orderId) ?? routedRef ?? e.orderId;
          this.forget(e.orderId);
          this.sink.refused(ref, intent, e.reason, e.message, now);
          break;
        }
        case 'accepted':
        case 'amended':
        case 'triggered':
        case 'funding':
        case 'leverage_changed':
          break;
      }
    }
    if (filled) this.sink.afterFills?.();
  }

  /**
   * The float64 mirror of wallet and position that the per-bar equity uses (the engine stays the
   * record; the run resyncs the wallet from it at the end).
   */
  private mirrorFill(signed: number, price: number, walletChange: number): void {
    this.wallet += walletChange;
    const q = this.quantity;
    const next = q + signed;
    if (q === 0 || Math.sign(q) === Math.sign(signed)) {
      this.entryPrice = (this.entryPrice * Math.abs(q) + price * Math.abs(signed)) / Math.abs(next);
    } else if (next !== 0 && Math.sign(next) !== Math.sign(q)) {
      this.entryPrice = price;
    }
    this.quantity = Math.abs(next) < 1e-12 ? 0 : next;
    if (this.quantity === 0) this.entryPrice = 0;
  }

  private forget(orderId: string): void {
    const ref = this.refOf.get(orderId);
    this.refOf.delete(orderId);
    if (ref !== undefined) this.orderOf.delete(ref);
    const i = this.working.findIndex((w) => w.orderId === orderId);
    if (i >= 0) this.working.splice(i, 1);
  }
}

function workingKind(
  orderType: 'market' | 'limit' | 'stop_market' | 'take_profit_market',
): WorkingKind | undefined {
  switch (orderType) {
    case 'market':
      return undefined;
    case 'limit':
      return 'limit';
    case 'stop_market':
      return 'stop';
    case 'take_profit_market':
      return 'take_profit';
  }
}
