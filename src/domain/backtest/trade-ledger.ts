import { notionalMoney, type InstrumentSpec } from '../matching/instrument-spec';
import { Dec, toWire } from '../shared/decimal';
import type { BacktestTrade } from './backtest.types';
import { MONEY_SCALE, moneyRatioToWire, moneyToWire, pow10, ratioToWire, scaledToWire } from './scaled-money';
import { moneyToDec } from '../matching/fixed-point';
import { ClosedTradeRows, Row } from './closed-trade-rows';
import { LedgerTrade } from './ledger-trade';
import { LedgerUnits, add, mul } from './ledger-units';

/** One fill in integer units: ticks, lots and money units (10^-24), as the matching engine counts them. */
export interface LedgerFill {
  readonly at: number;
  readonly isBuy: boolean;
  readonly ticks: number;
  readonly lots: number;
  readonly fee: bigint;
  readonly realized: bigint;
  /** fee and realized in LedgerUnits, when the venue booked them so (then fee and realized are not read). */
  readonly feeUnits?: number;
  readonly realizedUnits?: number;
}

/** A trade while open (and, reused, a closed trade read back from its row). */
interface OpenTrade {
  side: 'long' | 'short';
  entryTime: number;
  entryLots: number;
  entryTicks: number; // the one price of every entry fill, NaN once two differ (then the average is a quotient)
  exitLots: number;
  exitTicks: number;
  exitTime: number;
  /**
   * The money while it fits in LedgerUnits (safe-integer numbers, no bigint per fill): true from
   * the first fill until one does not fit, which converts the trade to `big` for good.
   */
  small: boolean;
  entryTickLots: number; // sum of ticks * lots: the notional in tick-lot steps
  exitTickLots: number;
  grossUnits: number;
  feesNumUnits: number;
  feesDenUnits: number;
  fundingUnits: number;
  big: BigMoney | undefined;
}

/** A trade's money in 10^-24 units: the general representation. */
interface BigMoney {
  entryNotional: bigint;
  exitNotional: bigint;
  gross: bigint;
  // a flip splits its fee by quantity, which need not come out in whole units: fees are a fraction
  feesNum: bigint;
  feesDen: bigint;
  funding: bigint;
}

/**
 * Round trips from the fills, flat to flat, exact in integers (decimal strings only when a trade is
 * written). A flip's fill is split: the part that closes the position ends the trade (with its
 * share of the fee), the rest opens the next one.
 *
 * Speed: a trade's money is kept in LedgerUnits (safe-integer numbers) while it fits, which is a
 * year of ordinary fills; the first figure that does not (a partial close's truncated cost, a
 * funding amount with more decimals, a huge size) moves that trade to 10^-24 bigints.
 */
export class TradeLedger {
  private readonly written: BacktestTrade[] = [];
  private readonly rows = new ClosedTradeRows(); // every closed trade, in order
  private readonly bigTrades = new Map<number, BacktestTrade>(); // row -> a trade held in bigints, written at its close
  private position = 0; // signed lots
  private current: OpenTrade | undefined;
  // the last closed trade's object, reused for the next one: a flip every fill must not make one per fill
  private spare: OpenTrade | undefined;
  private readonly readBack = blankTrade(); // a closed row as a trade, while it is written
  private readonly priceDen: bigint; // average price = notional * 10^lotDp / (lots * lotUnits * 10^24)
  private readonly units: LedgerUnits;
  // the last price and quantity written (the strings of a trade are what a result keeps in memory)
  private lastTicks = NaN;
  private lastPrice = '';
  private lastLots = NaN;
  private lastQuantity = '';

  constructor(
    private readonly symbol: string,
    private readonly spec: InstrumentSpec,
  ) {
    this.priceDen = MONEY_SCALE * BigInt(spec.lotUnits);
    this.units = new LedgerUnits(spec.tickDp, spec.lotDp);
  }

  /** The closed trades, in order (written from their rows on first ask, and again for later ones). */
  get closed(): BacktestTrade[] {
    const written = this.written;
    const values = this.rows.values;
    for (let i = written.length; i < this.rows.count; i++) {
      written.push(this.bigTrades.get(i) ?? this.toTrade(fromRow(values, i * Row.Size, this.readBack)));
    }
    return written;
  }

  onFill(fill: LedgerFill): void {
    const signed = fill.isBuy ? fill.lots : -fill.lots;
    const before = this.position;
    const reducing = before !== 0 && before > 0 !== fill.isBuy;
    const closing = reducing ? Math.min(fill.lots, Math.abs(before)) : 0;
    const opening = fill.lots - closing;
    const feeUnits = fill.feeUnits ?? this.units.of(fill.fee);
    const t = this.current;
    if (closing > 0 && t !== undefined) {
      t.exitTicks = t.exitLots === 0 || t.exitTicks === fill.ticks ? fill.ticks : NaN;
      t.exitLots += closing;
      t.exitTime = fill.at;
      if (!t.small || !this.closeSmall(t, fill, closing, opening, feeUnits)) {
        const b = this.big(t);
        b.exitNotional += notionalMoney(this.spec, fill.ticks, closing);
        b.gross += fill.realized;
        if (opening === 0) addFee(b, fill.fee, 1n);
        else addFee(b, fill.fee * BigInt(closing), BigInt(fill.lots));
      }
    }
    this.position = before + signed;
    if (closing > 0 && closing === Math.abs(before) && t !== undefined) {
      // flat, or flipped through flat
      this.record(t);
      this.current = undefined;
      this.spare = t;
    }
    if (opening > 0) {
      let next = this.current;
      if (next === undefined) {
        next = startTrade(this.spare ?? blankTrade(), fill);
        this.spare = undefined;
        this.current = next;
      }
      if (next.entryTicks !== fill.ticks) next.entryTicks = NaN;
      next.entryLots += opening;
      if (!next.small || !openSmall(next, fill, opening, closing, feeUnits)) {
        const b = this.big(next);
        b.entryNotional += notionalMoney(this.spec, fill.ticks, opening);
        if (closing === 0) addFee(b, fill.fee, 1n);
        else addFee(b, fill.fee * BigInt(opening), BigInt(fill.lots));
      }
    }
  }

  /** A trade just closed: its row (in units), or, held in bigints, the trade written at once. */
  private record(t: OpenTrade): void {
    const index = this.rows.count;
    const o = this.rows.add();
    const v = this.rows.values;
    v[o + Row.Long] = t.side === 'long' ? 1 : 0;
    v[o + Row.EntryTime] = t.entryTime;
    v[o + Row.ExitTime] = t.exitTime;
    v[o + Row.EntryLots] = t.entryLots;
    v[o + Row.EntryTicks] = t.entryTicks;
    v[o + Row.ExitLots] = t.exitLots;
    v[o + Row.ExitTicks] = t.exitTicks;
    v[o + Row.EntryTickLots] = t.entryTickLots;
    v[o + Row.ExitTickLots] = t.exitTickLots;
    v[o + Row.GrossUnits] = t.grossUnits;
    v[o + Row.FeesNumUnits] = t.feesNumUnits;
    v[o + Row.FeesDenUnits] = t.feesDenUnits;
    v[o + Row.FundingUnits] = t.fundingUnits;
    if (!t.small) this.bigTrades.set(index, this.toTrade(t));
  }

  onFunding(amount: bigint): void {
    const t = this.current;
    if (t === undefined) return;
    if (t.small) {
      const funding = add(t.fundingUnits, this.units.of(amount));
      if (Number.isSafeInteger(funding)) {
        t.fundingUnits = funding;
        return;
      }
    }
    this.big(t).funding += amount;
  }

  /** The trade still open, valued at `mark` (its unrealized PnL counted as gross); once per run, in Dec. */
  openTrade(mark: Dec, at: number): BacktestTrade | null {
    const t = this.current;
    if (t === undefined) return null;
    const b = this.big(t);
    const lot = this.spec.instrument.lotSize;
    const entryQty = lot.mul(t.entryLots);
    const avg = moneyToDec(b.entryNotional).div(entryQty);
    const sign = t.side === 'long' ? 1 : -1;
    const open = lot.mul(Math.abs(this.position));
    const unrealized = mark.minus(avg).mul(open).mul(sign);
    const money = (x: Dec): string => toWire(x.toDecimalPlaces(8));
    const fees = new Dec(b.feesNum.toString()).div(b.feesDen.toString()).div(MONEY_SCALE.toString());
    const gross = moneyToDec(b.gross).plus(unrealized);
    const funding = moneyToDec(b.funding);
    return {
      symbol: this.symbol,
      side: t.side,
      entryTime: t.entryTime,
      exitTime: at,
      quantity: toWire(entryQty),
      entryPrice: money(avg),
      exitPrice: open.isZero() ? '0' : money(open.mul(mark).div(open)),
      grossPnl: money(gross),
      fees: money(fees),
      funding: money(funding),
      netPnl: money(gross.minus(fees).plus(funding)),
    };
  }

  /** The closing part of a fill in units; false (nothing changed) when a figure does not fit. */
  private closeSmall(t: OpenTrade, fill: LedgerFill, closing: number, opening: number, fee: number): boolean {
    const exit = add(t.exitTickLots, mul(fill.ticks, closing));
    const gross = add(t.grossUnits, fill.realizedUnits ?? this.units.of(fill.realized));
    const num = opening === 0 ? fee : mul(fee, closing);
    const den = opening === 0 ? 1 : fill.lots;
    const fees = feesPlus(t, num, den);
    const feesDen = feesDenPlus(t, den);
    if (!allSafe(exit, gross, fees, feesDen)) return false;
    t.exitTickLots = exit;
    t.grossUnits = gross;
    t.feesNumUnits = fees;
    t.feesDenUnits = feesDen;
    return true;
  }

  /** The trade's money as bigints, converting it (exactly) from units the first time. */
  private big(t: OpenTrade): BigMoney {
    if (t.big !== undefined) return t.big;
    const unitMoney = this.spec.unitMoney;
    t.big = {
      entryNotional: BigInt(t.entryTickLots) * unitMoney,
      exitNotional: BigInt(t.exitTickLots) * unitMoney,
      gross: this.units.toMoney(t.grossUnits),
      feesNum: this.units.toMoney(t.feesNumUnits),
      feesDen: BigInt(t.feesDenUnits),
      funding: this.units.toMoney(t.fundingUnits),
    };
    t.small = false;
    return t.big;
  }

  /**
   * An average price to 8 decimals: at one tick price it is that price exactly (no division; tick
   * sizes have at most 8 decimals in practice), otherwise notional / quantity rounded half-even.
   */
  private priceWire(ticks: number, tickLots: number, big: bigint | undefined, lots: number): string {
    const spec = this.spec;
    const units = ticks * spec.tickUnits;
    if (spec.tickDp <= 8 && Number.isSafeInteger(units)) {
      // a flip's exit price is the next trade's entry price: one string for both
      if (ticks !== this.lastTicks) {
        this.lastTicks = ticks;
        this.lastPrice = scaledToWire(units, spec.tickDp);
      }
      return this.lastPrice;
    }
    const notional = big ?? BigInt(tickLots) * spec.unitMoney;
    return ratioToWire(notional * pow10(spec.lotDp), this.priceDen * BigInt(lots));
  }

  private toTrade(t: OpenTrade): BacktestTrade {
    const spec = this.spec;
    const qtyUnits = t.entryLots * spec.lotUnits;
    if (t.entryLots !== this.lastLots) {
      // a strategy trades the same size again and again: one string for it
      this.lastLots = t.entryLots;
      this.lastQuantity = scaledToWire(
        Number.isSafeInteger(qtyUnits) ? qtyUnits : BigInt(t.entryLots) * BigInt(spec.lotUnits),
        spec.lotDp,
      );
    }
    const quantity = this.lastQuantity;
    const b = t.big;
    const entryPrice = this.priceWire(t.entryTicks, t.entryTickLots, b?.entryNotional, t.entryLots);
    const exitPrice =
      t.exitLots === 0 ? '0' : this.priceWire(t.exitTicks, t.exitTickLots, b?.exitNotional, t.exitLots);
    if (t.small) {
      const u = this.units;
      const den = t.feesDenUnits;
      // gross - fees + funding, over the fees' denominator
      const net = add(mul(add(t.grossUnits, t.fundingUnits), den), -t.feesNumUnits);
      const grossPnl = u.ratioToWire(t.grossUnits, 1);
      const fees = u.ratioToWire(t.feesNumUnits, den);
      const funding = u.ratioToWire(t.fundingUnits, 1);
      const netPnl = u.ratioToWire(net, den);
      if (grossPnl !== undefined && fees !== undefined && funding !== undefined && netPnl !== undefined) {
        return trade(this.symbol, t, quantity, entryPrice, exitPrice, grossPnl, fees, funding, netPnl);
      }
    }
    const m = this.big(t);
    return trade(
      this.symbol,
      t,
      quantity,
      entryPrice,
      exitPrice,
      moneyToWire(m.gross),
      moneyRatioToWire(m.feesNum, m.feesDen),
      moneyToWire(m.funding),
      moneyRatioToWire((m.gross + m.funding) * m.feesDen - m.feesNum, m.feesDen),
    );
  }
}

function blankTrade(): OpenTrade {
  return {
    side: 'long',
    entryTime: 0,
    entryLots: 0,
    entryTicks: NaN,
    exitLots: 0,
    exitTicks: NaN,
    exitTime: 0,
    small: true,
    entryTickLots: 0,
    exitTickLots: 0,
    grossUnits: 0,
    feesNumUnits: 0,
    feesDenUnits: 1,
    fundingUnits: 0,
    big: undefined,
  };
}

/** `t` (a new or a closed trade's object) as the trade this fill opens, before its figures are added. */
function startTrade(t: OpenTrade, fill: LedgerFill): OpenTrade {
  t.side = fill.isBuy ? 'long' : 'short';
  t.entryTime = fill.at;
  t.entryLots = 0;
  t.entryTicks = fill.ticks;
  t.exitLots = 0;
  t.exitTicks = NaN;
  t.exitTime = fill.at;
  t.small = true;
  t.entryTickLots = 0;
  t.exitTickLots = 0;
  t.grossUnits = 0;
  t.feesNumUnits = 0;
  t.feesDenUnits = 1;
  t.fundingUnits = 0;
  t.big = undefined;
  return t;
}

/** A row back, into `t`, as the trade it was closed as (held in units). */
function fromRow(v: Float64Array, o: number, t: OpenTrade): OpenTrade {
  t.side = v[o + Row.Long] === 1 ? 'long' : 'short';
  t.entryTime = v[o + Row.EntryTime] as number;
  t.entryLots = v[o + Row.EntryLots] as number;
  t.entryTicks = v[o + Row.EntryTicks] as number;
  t.exitLots = v[o + Row.ExitLots] as number;
  t.exitTicks = v[o + Row.ExitTicks] as number;
  t.exitTime = v[o + Row.ExitTime] as number;
  t.small = true;
  t.entryTickLots = v[o + Row.EntryTickLots] as number;
  t.exitTickLots = v[o + Row.ExitTickLots] as number;
  t.grossUnits = v[o + Row.GrossUnits] as number;
  t.feesNumUnits = v[o + Row.FeesNumUnits] as number;
  t.feesDenUnits = v[o + Row.FeesDenUnits] as number;
  t.fundingUnits = v[o + Row.FundingUnits] as number;
  t.big = undefined;
  return t;
}

function trade(
  symbol: string,
  t: OpenTrade,
  quantity: string,
  entryPrice: string,
  exitPrice: string,
  grossPnl: string,
  fees: string,
  funding: string,
  netPnl: string,
): BacktestTrade {
  return new LedgerTrade(
    entryPrice,
    t.entryTime,
    exitPrice,
    t.exitTime,
    fees,
    funding,
    grossPnl,
    netPnl,
    quantity,
    t.side,
    symbol,
  );
}

/** The opening part of a fill in units; false (nothing changed) when a figure does not fit. */
function openSmall(t: OpenTrade, fill: LedgerFill, opening: number, closing: number, fee: number): boolean {
  const entry = add(t.entryTickLots, mul(fill.ticks, opening));
  const num = closing === 0 ? fee : mul(fee, opening);
  const den = closing === 0 ? 1 : fill.lots;
  const fees = feesPlus(t, num, den);
  const feesDen = feesDenPlus(t, den);
  if (!allSafe(entry, fees, feesDen, 0)) return false;
  t.entryTickLots = entry;
  t.feesNumUnits = fees;
  t.feesDenUnits = feesDen;
  return true;
}

/** The numerator of the trade's fees plus num / den, in units (over feesDenPlus); NaN when not exact. */
function feesPlus(t: OpenTrade, num: number, den: number): number {
  const d = t.feesDenUnits;
  if (den === d) return add(t.feesNumUnits, num);
  if (den === 1) return add(t.feesNumUnits, mul(num, d));
  return add(mul(t.feesNumUnits, den), mul(num, d));
}

/** The denominator of the trade's fees plus a fee share over `den`. */
function feesDenPlus(t: OpenTrade, den: number): number {
  const d = t.feesDenUnits;
  return den === d || den === 1 ? d : mul(d, den);
}

function allSafe(a: number, b: number, c: number, d: number): boolean {
  return (
    Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(c) && Number.isSafeInteger(d)
  );
}

function addFee(t: BigMoney, num: bigint, den: bigint): void {
  if (den === t.feesDen) t.feesNum += num;
  else if (den === 1n) t.feesNum += num * t.feesDen;
  else {
    t.feesNum = t.feesNum * den + num * t.feesDen;
    t.feesDen *= den;
  }
}
