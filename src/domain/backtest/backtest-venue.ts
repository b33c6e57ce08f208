import { MatchingEngine, type EngineEvent, type Instrument, type OrderSide } from '../matching';
import { moneyToDec } from '../matching/fixed-point';
import { compileInstrument, type InstrumentSpec } from '../matching/instrument-spec';
import { Dec, floorToStep } from '../shared/decimal';
import {
  decOf,
  toOrderRequest,
  type AmendIntent,
  type IntentConversion,
  type OrderIntent,
  type PlaceIntent,
} from '../strategy';
import { FillAccount } from './fill-account';
import type { LedgerUnits } from './ledger-units';
import { moneyToNumber } from './scaled-money';
import type { LedgerFill } from './trade-ledger';

/** One fill as the run loop sees it: integer facts for the ledger, floats for the strategy and equity. */
export interface VenueFill extends LedgerFill {
  readonly ref: string;
  readonly fillId: string;
  readonly side: OrderSide;
  readonly price: number;
  readonly quantity: number;
  readonly feeNumber: number;
  readonly remaining: number;
}

/** What the venue reports back to the run loop. */
export interface VenueSink {
  /** A fill, valid during the call only: the venue reuses the object for its next fill. */
  fill(fill: VenueFill): void;
  refused(ref: string, intent: OrderIntent['kind'], code: string, message: string, at: number): void;
  closed(ref: string, reason: string, at: number): void;
}

/** What the venue knows of an order the engine holds: enough to work out its fills in integers. */
interface OrderMirror {
  readonly ref: string;
  readonly isBuy: boolean;
  readonly reduceOnly: boolean;
  totalLots: number;
  filledLots: number;
  limitTicks: number | undefined;
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
 * Engine calls made while the venue ran without the engine, kept to bring the engine up to date:
 * flat numbers, four per call (a year of market orders must not pin objects in the old generation).
 */
const enum Deferred {
  Buy = 1,
  Sell = 2,
  ReduceOnlyBuy = 3,
  ReduceOnlySell = 4,
  Funding = 5,
}

/**
 * The matching engine behind a candle-only venue. The run loop only calls it when an order is
 * routed or a working order can fill in the current bar (checked in float64 first), so bars with
 * nothing live never touch the decimal maths.
 *
 * Speed: while a run has only sent market orders (no order can rest), the venue does not call the
 * engine at all: a market order against the one synthesized level is worked out by FillAccount with
 * the engine's own integer formulas (margin, reduce-only, fee, realized PnL) and the calls are
 * logged. The first limit, stop or take-profit replays the log into the engine, which from then on
 * runs every order; the venue keeps FillAccount beside it (fills in integers, no Dec) and settle()
 * checks the two agree to the unit.
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
  readonly account: FillAccount;
  private readonly unitsFill: UnitsFill; // every fill booked in units, reused (see VenueSink.fill)
  private readonly spec: InstrumentSpec;
  private readonly working: Working[] = [];
  private readonly orders = new Map<string, OrderMirror>(); // orderId -> what the fills need
  private readonly orderOf = new Map<string, string>(); // ref -> orderId
  // market size -> its quantity on the lot grid (and in lots), or the refusal message
  private readonly sizes = new Map<number, { quantity: Dec; lots: number } | string>();
  private readonly slip: number;
  private readonly tick: number;
  private readonly lotSize: number;
  private readonly leverage: number;
  private readonly tickScale: number;
  private readonly lotScale: number;
  private readonly deepLots: number;
  private referencePrice = 0;
  private bookTicks = 0; // the one synthesized level: asks for a buy, bids for a sell
  private bookForBuy = true;
  // without the engine until the first order that can rest (then undefined); fill ids as the engine numbers them
  private deferred: number[] | undefined = []; // [call, open or mark, lots or rate, at] per call
  private fillSeq = 0;

  constructor(
    private readonly instrument: Instrument,
    config: {
      makerFeeRate: string;
      takerFeeRate: string;
      initialBalance: string;
      slippageBps: number;
      leverage: number;
      fillPath?: 'auto' | 'engine';
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
    this.spec = compileInstrument(instrument);
    this.account = new FillAccount(this.spec, config);
    this.unitsFill = new UnitsFill(this.account.units);
    this.tick = instrument.tickSize.toNumber();
    this.lotSize = instrument.lotSize.toNumber();
    this.leverage = config.leverage;
    this.tickScale = 10 ** this.spec.tickDp;
    this.lotScale = 10 ** this.spec.lotDp;
    this.deepLots = DEEP.div(instrument.lotSize).floor().toNumber();
    this.wallet = Number(config.initialBalance);
    this.slip = config.slippageBps / 10_000;
    if (config.fillPath === 'engine') this.deferred = undefined;
  }

  get hasWorking(): boolean {
    return this.working.length > 0;
  }

  /** Routes one intent at a bar's open price. */
  route(intent: OrderIntent, open: number, now: number): void {
    switch (intent.kind) {
      case 'place': {
        // while the engine is not running, a market order needs no engine request: its size in lots
        if (this.deferred !== undefined && intent.orderType === 'market') {
          const size = this.marketSize(intent);
          if (typeof size === 'string') {
            this.sink.refused(intent.ref, 'place', 'BELOW_MIN_QUANTITY', size, now);
            return;
          }
          if (this.marketWithoutEngine(intent, size.lots, open, now)) return;
        }
        const request = this.request(intent);
        if (typeof request === 'string') {
          this.sink.refused(intent.ref, 'place', 'BELOW_MIN_QUANTITY', request, now);
          return;
        }
        if (!request.ok) {
          this.sink.refused(intent.ref, 'place', request.code, request.message, now);
          return;
        }
        const req = request.request;
        if (this.deferred !== undefined) {
          this.catchUpEngine();
        }
        this.setBook(intent.side, open, now);
        const events = this.engine.submit(req, now);
        const first = events[0];
        const accepted = first?.type === 'accepted' ? first : undefined;
        if (accepted !== undefined) {
          this.orders.set(accepted.orderId, {
            ref: intent.ref,
            isBuy: intent.side === 'buy',
            reduceOnly: req.reduceOnly === true,
            totalLots: this.lotsOf(req.quantity),
            filledLots: 0,
            limitTicks: req.type === 'limit' ? this.ticksOf(req.price) : undefined,
          });
          this.orderOf.set(intent.ref, accepted.orderId);
        }
        const kind = workingKind(intent.orderType);
        this.apply(events, now, intent.ref);
        if (kind !== undefined && accepted !== undefined && this.orders.has(accepted.orderId)) {
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
        if ((w.kind === 'stop') !== pass || !this.orders.has(w.orderId)) continue;
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

  /** Funding on the position at `mark`; returns the amount received (money units, < 0 when paid). */
  funding(rate: number, mark: number, now: number): bigint | undefined {
    if (this.account.position.lots === 0) return undefined;
    const amount = this.account.fundingFor(rate, mark);
    if (this.deferred !== undefined) this.deferred.push(Deferred.Funding, mark, rate, now);
    else this.engine.applyFunding(this.instrument.symbol, decOf(rate), decOf(mark), now);
    this.account.addFunding(amount);
    this.wallet += moneyToNumber(amount);
    return amount;
  }

  /**
   * The exact wallet at the end. When the engine ran, checks first that the integer account agrees
   * with it (a disagreement is a bug in the venue, never a result to report).
   */
  settle(): number {
    if (this.deferred === undefined) this.checkAgainstEngine();
    this.wallet = moneyToNumber(this.account.wallet);
    return this.wallet;
  }

  /** Total fees paid and funding received, money units. */
  totals(): { fees: bigint; funding: bigint } {
    return { fees: this.account.fees, funding: this.account.funding };
  }

  /**
   * A market order while no order rests, as engine.submit would run it against the one synthesized
   * level: venue checks, margin, one taker fill, a reduce-only remainder cancelled. False when the
   * order is beyond what this path models (larger than the synthesized depth): the engine takes it.
   */
  private marketWithoutEngine(intent: PlaceIntent, lots: number, open: number, now: number): boolean {
    if (lots > this.deepLots) return false;
    const account = this.account;
    const isBuy = intent.side === 'buy';
    const reduceOnly = intent.reduceOnly === true;
    this.setLevel(intent.side, open);
    const call = reduceOnly
      ? isBuy
        ? Deferred.ReduceOnlyBuy
        : Deferred.ReduceOnlySell
      : isBuy
        ? Deferred.Buy
        : Deferred.Sell;
    this.deferred?.push(call, open, lots, now);
    if (reduceOnly && account.reducible(isBuy) === 0) {
      this.sink.refused(
        intent.ref,
        'place',
        'REDUCE_ONLY_WOULD_INCREASE',
        'no position to reduce on that side',
        now,
      );
      return true;
    }
    const opening = reduceOnly ? 0 : Math.max(0, lots - account.reducible(isBuy));
    const required =
      opening === 0 || this.surelyAffordable(opening, open)
        ? 0n
        : account.marginFor(isBuy, reduceOnly, this.bookTicks, lots);
    if (required > 0n && required > account.available(open)) {
      this.sink.refused(
        intent.ref,
        'place',
        'INSUFFICIENT_MARGIN',
        'available balance is below the initial margin',
        now,
      );
      return true;
    }
    const filled = reduceOnly ? Math.min(lots, account.reducible(isBuy)) : lots;
    this.report(
      intent.ref,
      `bt-f${++this.fillSeq}`,
      isBuy,
      this.bookTicks,
      filled,
      lots - filled,
      'taker',
      now,
    );
    if (filled < lots) this.sink.closed(intent.ref, 'reduce_only', now);
    return true;
  }

  /**
   * True when the float mirror shows the margin for `opening` lots at the current level is covered
   * with a wide cushion (1 % of the available balance): then the exact check, which values the
   * position at the mark in 10^-24 units, cannot refuse it and is skipped.
   */
  private surelyAffordable(opening: number, mark: number): boolean {
    const q = this.quantity;
    const available =
      this.wallet + q * (mark - this.entryPrice) - (Math.abs(q) * this.entryPrice) / this.leverage;
    const required = (opening * this.lotSize * this.bookTicks * this.tick) / this.leverage;
    return required < available * 0.99;
  }

  /** The first order that can rest: the engine replays what the venue did without it. */
  private catchUpEngine(): void {
    const log = this.deferred ?? [];
    this.deferred = undefined;
    const symbol = this.instrument.symbol;
    for (let i = 0; i < log.length; i += 4) {
      const call = log[i] as Deferred;
      const price = log[i + 1] ?? NaN;
      const amount = log[i + 2] ?? NaN;
      const at = log[i + 3] ?? NaN;
      if (call === Deferred.Funding) {
        this.engine.applyFunding(symbol, decOf(amount), decOf(price), at);
        continue;
      }
      const side = call === Deferred.Buy || call === Deferred.ReduceOnlyBuy ? 'buy' : 'sell';
      this.feedBook(side, price, at);
      this.engine.submit(
        {
          symbol,
          side,
          type: 'market',
          quantity: this.instrument.lotSize.mul(amount),
          reduceOnly: call === Deferred.ReduceOnlyBuy || call === Deferred.ReduceOnlySell,
        },
        at,
      );
    }
    this.checkAgainstEngine();
  }

  private checkAgainstEngine(): void {
    const engineWallet = this.engine.ledger().walletChange;
    const mine = moneyToDec(this.account.wallet - this.account.initialWallet);
    const lots = this.engine.position(this.instrument.symbol)?.quantity ?? new Dec(0);
    if (!engineWallet.eq(mine) || !lots.eq(this.instrument.lotSize.mul(this.account.position.lots))) {
      throw new Error(
        `backtest venue diverged from the matching engine: wallet ${mine.toString()} vs ${engineWallet.toString()}`,
      );
    }
  }

  /** A place intent as an engine request; market sizes are converted once per distinct size. */
  private request(intent: PlaceIntent): IntentConversion | string {
    if (intent.orderType !== 'market') return toOrderRequest(intent, this.instrument);
    const size = this.marketSize(intent);
    if (typeof size === 'string') return size;
    return {
      ok: true,
      request: {
        symbol: intent.symbol,
        side: intent.side,
        quantity: size.quantity,
        reduceOnly: intent.reduceOnly,
        clientOrderId: intent.ref,
        type: 'market',
      },
    };
  }

  /** A market order's quantity on the lot grid (and in lots), or why it is refused; once per distinct size. */
  private marketSize(intent: PlaceIntent): { quantity: Dec; lots: number } | string {
    let size = this.sizes.get(intent.quantity);
    if (size === undefined) {
      const converted = toOrderRequest(intent, this.instrument);
      size = converted.ok
        ? { quantity: converted.request.quantity, lots: this.lotsOf(converted.request.quantity) }
        : converted.message;
      if (this.sizes.size > 1024) this.sizes.clear();
      this.sizes.set(intent.quantity, size);
    }
    return size;
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

  /** The synthesized level at `price` moved by the slippage against a taker on `side`. */
  private setLevel(side: OrderSide, price: number): void {
    this.referencePrice = price;
    const level =
      side === 'buy'
        ? Math.ceil((price * (1 + this.slip)) / this.tick - 1e-9)
        : Math.floor((price * (1 - this.slip)) / this.tick + 1e-9);
    this.bookTicks = Math.max(1, level);
    this.bookForBuy = side === 'buy';
  }

  private setBook(side: OrderSide, price: number, now: number): void {
    this.apply(this.feedBook(side, price, now), now);
  }

  /** The engine's book and mark for a taker on `side` at `price` (the events: resting orders it crossed). */
  private feedBook(side: OrderSide, price: number, now: number): EngineEvent[] {
    this.setLevel(side, price);
    const book = [{ price: this.instrument.tickSize.mul(this.bookTicks), quantity: DEEP }];
    const symbol = this.instrument.symbol;
    const events = this.engine.onBook(
      { symbol, bids: side === 'sell' ? book : [], asks: side === 'buy' ? book : [] },
      now,
    );
    this.engine.onMark(symbol, decOf(price), now);
    return events;
  }

  private trade(price: Dec, now: number): void {
    this.referencePrice = price.toNumber();
    this.apply(this.engine.onTrade({ symbol: this.instrument.symbol, price, quantity: DEEP }, now), now);
  }

  private apply(
    events: readonly EngineEvent[],
    now: number,
    routedRef?: string,
    intent: OrderIntent['kind'] = 'place',
  ): void {
    for (const e of events) {
      switch (e.type) {
        case 'filled':
          this.filled(e.orderId, e.fillId, e.liquidity, e.at);
          break;
        case 'amended': {
          const order = this.orders.get(e.orderId);
          if (order !== undefined) {
            order.totalLots = this.lotsOf(e.quantity);
            if (e.price !== undefined) order.limitTicks = this.ticksOf(e.price);
          }
          break;
        }
        case 'cancelled': {
          const ref = this.orders.get(e.orderId)?.ref;
          this.forget(e.orderId);
          if (ref !== undefined) this.sink.closed(ref, e.reason, now);
          break;
        }
        case 'rejected': {
          const ref = this.orders.get(e.orderId)?.ref ?? routedRef ?? e.orderId;
          // a refused amend leaves the order working; a refused order or trigger is gone (rare: ask the engine)
          if (!this.engine.openOrders(this.instrument.symbol).some((o) => o.orderId === e.orderId)) {
            this.forget(e.orderId);
          }
          this.sink.refused(ref, intent, e.reason, e.message, now);
          break;
        }
        case 'accepted':
        case 'triggered':
        case 'funding':
        case 'leverage_changed':
          break;
      }
    }
  }

  /**
   * One engine fill, worked out again in integers from what the venue knows (the engine's own
   * figures are Dec getters, ~0.5 µs each): a taker takes the synthesized level, a maker fills at
   * its limit, a reduce-only order only up to the position.
   */
  private filled(orderId: string, fillId: string, liquidity: 'maker' | 'taker', at: number): void {
    const order = this.orders.get(orderId);
    const ticks = liquidity === 'taker' ? this.bookTicks : order?.limitTicks;
    if (
      order === undefined ||
      ticks === undefined ||
      (liquidity === 'taker' && order.isBuy !== this.bookForBuy)
    ) {
      throw new Error(`backtest venue: a fill it cannot account for (${orderId}, ${liquidity})`);
    }
    const wanted = order.totalLots - order.filledLots;
    const lots = order.reduceOnly ? Math.min(wanted, this.account.reducible(order.isBuy)) : wanted;
    order.filledLots += lots;
    const remainingLots = order.totalLots - order.filledLots;
    if (remainingLots === 0) this.forget(orderId);
    this.report(order.ref, fillId, order.isBuy, ticks, lots, remainingLots, liquidity, at);
  }

  /** Books a fill on the account and tells the run loop (integers for the ledger, floats for the rest). */
  private report(
    ref: string,
    fillId: string,
    isBuy: boolean,
    ticks: number,
    lots: number,
    remainingLots: number,
    liquidity: 'maker' | 'taker',
    at: number,
  ): void {
    const spec = this.spec;
    const account = this.account;
    const price = scaledToNumber(ticks * spec.tickUnits, spec.tickDp, this.tickScale);
    const quantity = scaledToNumber(lots * spec.lotUnits, spec.lotDp, this.lotScale);
    const remaining = scaledToNumber(remainingLots * spec.lotUnits, spec.lotDp, this.lotScale);
    const side = isBuy ? 'buy' : 'sell';
    let fill: VenueFill;
    if (account.fillInUnits(isBuy, ticks, lots, liquidity)) {
      const units = account.units;
      const f = this.unitsFill;
      f.ref = ref;
      f.fillId = fillId;
      f.at = at;
      f.side = side;
      f.isBuy = isBuy;
      f.ticks = ticks;
      f.lots = lots;
      f.feeUnits = account.lastFee;
      f.realizedUnits = account.lastRealized;
      f.price = price;
      f.quantity = quantity;
      f.feeNumber = units.toNumber(f.feeUnits);
      f.remaining = remaining;
      this.booked(isBuy, price, quantity, units.toNumber(f.realizedUnits) - f.feeNumber, liquidity);
      fill = f;
    } else {
      const { fee, realized } = account.fill(isBuy, ticks, lots, liquidity);
      const feeNumber = moneyToNumber(fee);
      this.booked(isBuy, price, quantity, moneyToNumber(realized) - feeNumber, liquidity);
      fill = {
        ref,
        fillId,
        at,
        side,
        isBuy,
        ticks,
        lots,
        fee,
        realized,
        price,
        quantity,
        feeNumber,
        remaining,
      };
    }
    this.sink.fill(fill);
  }

  /** The float side of a booked fill: slippage cost and the float mirror. */
  private booked(
    isBuy: boolean,
    price: number,
    quantity: number,
    walletChange: number,
    liquidity: 'maker' | 'taker',
  ): void {
    if (liquidity === 'taker') this.slippageCost += Math.abs(price - this.referencePrice) * quantity;
    this.mirrorFill(isBuy ? quantity : -quantity, price, walletChange);
  }

  private lotsOf(quantity: Dec): number {
    return quantity.div(this.instrument.lotSize).toNumber();
  }

  private ticksOf(price: Dec): number {
    return price.div(this.instrument.tickSize).toNumber();
  }

  /**
   * The float64 mirror of wallet and position that the per-bar equity uses (the integer account
   * stays the record; settle() takes the exact wallet at the end).
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
    const ref = this.orders.get(orderId)?.ref;
    this.orders.delete(orderId);
    if (ref !== undefined) this.orderOf.delete(ref);
    const i = this.working.findIndex((w) => w.orderId === orderId);
    if (i >= 0) this.working.splice(i, 1);
  }
}

/**
 * A fill the account booked in units: the ledger reads the units, and the 10^-24 bigints are only
 * made if something asks for them (a trade the ledger holds in bigints). One per venue, rewritten
 * for each fill: a year of fills must not make an object (and seven boxed doubles) each.
 */
class UnitsFill implements VenueFill {
  ref = '';
  fillId = '';
  side: OrderSide = 'buy';
  isBuy = true;
  // NaN, not 0: the fields start as doubles and are written in place ever after
  at = NaN;
  ticks = NaN;
  lots = NaN;
  feeUnits = NaN;
  realizedUnits = NaN;
  price = NaN;
  quantity = NaN;
  feeNumber = NaN;
  remaining = NaN;

  constructor(private readonly units: LedgerUnits) {}

  get fee(): bigint {
    return this.units.toMoney(this.feeUnits);
  }

  get realized(): bigint {
    return this.units.toMoney(this.realizedUnits);
  }
}

/** An integer count of 10^-dp as the nearest float: one correctly rounded division while both are exact. */
function scaledToNumber(units: number, dp: number, scale: number): number {
  return Number.isSafeInteger(units) && dp <= 22 ? units / scale : Number(`${units}e-${dp}`);
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
