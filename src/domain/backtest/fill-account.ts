import { roundToScaled } from '../matching/fixed-point';
import { lotsToQuantity, notionalMoney, type InstrumentSpec } from '../matching/instrument-spec';
import type { Liquidity } from '../matching';
import { applyFill, emptyPosition, unrealized, type PositionState } from '../matching/position';
import { Dec } from '../shared/decimal';
import { decOf } from '../strategy';
import { LedgerUnits, add, mul } from './ledger-units';
import { MONEY_DP, pow10 } from './scaled-money';

const RATE_DP = 8;
const RATE_SCALE = pow10(RATE_DP);
const FORTY_DIGITS = pow10(40); // the smallest integer with 41 digits

/**
 * The account a backtest trades, in the matching engine's integer units and by its formulas
 * (src/domain/matching engine-core, position): wallet and totals in 10^-24 money units, the
 * position as signed lots plus entry cost. The venue keeps it beside the engine (and instead of
 * it while a run only sends market orders); both must agree to the unit, which tests and
 * BacktestVenue.settle() check.
 *
 * Speed: fillInUnits() books the usual fill (opening, adding, or closing the whole position) in
 * LedgerUnits, safe-integer numbers, instead of bigints: the cost as ticks * lots, the changes of
 * wallet, fees and realized PnL as deltas folded into the bigints when read or about to overflow.
 */
export class FillAccount {
  readonly position: PositionState = emptyPosition();
  readonly initialWallet: bigint;
  readonly units: LedgerUnits;
  funding = 0n;
  /** What the last fillInUnits() booked, in units. */
  lastFee = 0;
  lastRealized = 0;
  private walletBase: bigint;
  private feesBase = 0n;
  private walletDelta = 0; // units not yet in walletBase
  private feesDelta = 0;
  private realizedDelta = 0; // units not yet in position.realized
  // position.cost as ticks * lots while costInUnits (then position.cost may be stale)
  private costTickLots = 0;
  private costInUnits = true;
  private readonly makerRate: bigint;
  private readonly takerRate: bigint;
  private readonly makerRateUnits: number;
  private readonly takerRateUnits: number;
  private readonly tickLotUnits: number; // tickUnits * lotUnits: one tick-lot is that many 10^-(tickDp+lotDp)
  private readonly leverage: bigint;
  private readonly lotScale: bigint;
  private lastRate = NaN;
  private lastRateDigits = { digits: 0n, exponent: 0 };

  constructor(
    private readonly spec: InstrumentSpec,
    config: { makerFeeRate: string; takerFeeRate: string; initialBalance: string; leverage: number },
  ) {
    this.initialWallet = roundToScaled(new Dec(config.initialBalance), MONEY_DP);
    this.walletBase = this.initialWallet;
    this.makerRate = roundToScaled(new Dec(config.makerFeeRate), RATE_DP);
    this.takerRate = roundToScaled(new Dec(config.takerFeeRate), RATE_DP);
    this.makerRateUnits = Number(this.makerRate);
    this.takerRateUnits = Number(this.takerRate);
    this.tickLotUnits = spec.tickUnits * spec.lotUnits;
    this.leverage = BigInt(config.leverage);
    this.lotScale = BigInt(spec.lotUnits);
    this.units = new LedgerUnits(spec.tickDp, spec.lotDp);
  }

  get wallet(): bigint {
    this.fold();
    return this.walletBase;
  }

  get fees(): bigint {
    this.fold();
    return this.feesBase;
  }

  /** A fill of `lots` at `ticks`: fee and realized PnL (money units), wallet += realized - fee. */
  fill(isBuy: boolean, ticks: number, lots: number, liquidity: Liquidity): { fee: bigint; realized: bigint } {
    const spec = this.spec;
    this.fold();
    const position = this.exactPosition();
    this.costInUnits = false;
    const notional = notionalMoney(spec, ticks, lots);
    // exact: a notional has at most 16 decimals, so dividing by 10^8 at 24 never truncates
    const fee = (notional * (liquidity === 'maker' ? this.makerRate : this.takerRate)) / RATE_SCALE;
    const realized = applyFill(position, isBuy, lots, (l) => notionalMoney(spec, ticks, l));
    this.walletBase += realized - fee;
    this.feesBase += fee;
    return { fee, realized };
  }

  /**
   * fill() in units, the same figures (fee and realized in lastFee and lastRealized): true when
   * booked; false, with nothing changed, when a figure would not be exact in units (a partial close
   * releases a truncated share of the cost) or the cost is held in bigints: then call fill().
   */
  fillInUnits(isBuy: boolean, ticks: number, lots: number, liquidity: Liquidity): boolean {
    if (!this.costInUnits && !this.costBackToUnits()) return false;
    const p = this.position;
    const rate = liquidity === 'maker' ? this.makerRateUnits : this.takerRateUnits;
    // notional * rate: ticks * lots * tickLotUnits at 10^-(tickDp + lotDp), times the rate at 10^-8
    const fee = mul(mul(mul(ticks, lots), this.tickLotUnits), rate);
    let realized = 0;
    let cost: number;
    let next: number;
    if (p.lots === 0 || p.lots > 0 === isBuy) {
      cost = add(this.costTickLots, mul(ticks, lots));
      next = p.lots + (isBuy ? lots : -lots);
    } else {
      const open = Math.abs(p.lots);
      if (lots < open) return false;
      const exit = mul(ticks, open);
      // long: sold for exit, bought for the cost; short: the other way round
      const pnl = p.lots > 0 ? add(exit, -this.costTickLots) : add(this.costTickLots, -exit);
      realized = mul(mul(pnl, this.tickLotUnits), 1e8);
      cost = mul(ticks, lots - open);
      next = isBuy ? lots - open : open - lots;
    }
    const change = add(realized, -fee);
    if (!Number.isSafeInteger(cost) || !Number.isSafeInteger(change)) return false;
    this.costTickLots = cost;
    p.lots = next;
    this.lastFee = fee;
    this.lastRealized = realized;
    let wallet = this.walletDelta + change;
    let fees = this.feesDelta + fee;
    let pnl = this.realizedDelta + realized;
    if (!Number.isSafeInteger(wallet) || !Number.isSafeInteger(fees) || !Number.isSafeInteger(pnl)) {
      this.fold(); // the deltas would no longer be exact: into the bigints first
      wallet = change;
      fees = fee;
      pnl = realized;
    }
    this.walletDelta = wallet;
    this.feesDelta = fees;
    this.realizedDelta = pnl;
    return true;
  }

  /**
   * Funding at a funding time as the engine counts it: -(position quantity * decOf(mark) *
   * decOf(rate)), half-even to 10^-24. Exact in integers (the Dec product is exact too while it has
   * at most 40 digits; beyond that Dec rounds, so the Dec formula runs instead).
   */
  fundingFor(rate: number, mark: number): bigint {
    const m = decimalDigits(mark.toPrecision(15));
    if (rate !== this.lastRate) {
      // a run's rate is mostly one default: read it once
      this.lastRate = rate;
      this.lastRateDigits = decimalDigits(rate.toPrecision(15));
    }
    const r = this.lastRateDigits;
    const product = BigInt(this.position.lots) * this.lotScale * m.digits * r.digits;
    const shift = m.exponent + r.exponent - this.spec.lotDp + MONEY_DP;
    // more than 40 digits: beyond what the Dec product keeps exactly
    if ((product < 0n ? -product : product) >= FORTY_DIGITS || Math.abs(shift) > 48) {
      const quantity = lotsToQuantity(this.spec, this.position.lots);
      return roundToScaled(quantity.mul(decOf(mark)).mul(decOf(rate)).neg(), MONEY_DP);
    }
    return -(shift >= 0 ? product * pow10(shift) : roundHalfEven(product, pow10(-shift)));
  }

  addFunding(amount: bigint): void {
    this.walletBase += amount;
    this.funding += amount;
  }

  /** Initial margin for the lots an order would open (0 for reduce-only or purely reducing orders). */
  marginFor(isBuy: boolean, reduceOnly: boolean, ticks: number, lots: number): bigint {
    if (reduceOnly) return 0n;
    const opening = Math.max(0, lots - this.reducible(isBuy));
    if (opening === 0) return 0n;
    return ceilDiv(notionalMoney(this.spec, ticks, opening), this.leverage);
  }

  /** Equity minus the position's margin, with the position valued at `mark` (no resting orders). */
  available(mark: number): bigint {
    const p = this.exactPosition();
    return this.wallet + unrealized(p, this.markPerLot(mark)) - ceilDiv(p.cost, this.leverage);
  }

  reducible(isBuy: boolean): number {
    const lots = this.position.lots;
    if (lots === 0 || lots > 0 === isBuy) return 0;
    return Math.abs(lots);
  }

  /** The unit deltas into the bigints. */
  private fold(): void {
    const u = this.units;
    if (this.walletDelta !== 0) this.walletBase += u.toMoney(this.walletDelta);
    if (this.feesDelta !== 0) this.feesBase += u.toMoney(this.feesDelta);
    if (this.realizedDelta !== 0) this.position.realized += u.toMoney(this.realizedDelta);
    this.walletDelta = 0;
    this.feesDelta = 0;
    this.realizedDelta = 0;
  }

  /** The position with its cost and realized PnL as bigints (written from the units when those hold them). */
  private exactPosition(): PositionState {
    this.fold();
    const p = this.position;
    if (this.costInUnits) p.cost = BigInt(this.costTickLots) * this.spec.unitMoney;
    return p;
  }

  /** After fill(): the cost in units again when it is a whole number of tick-lots (always when flat). */
  private costBackToUnits(): boolean {
    const p = this.position;
    const unitMoney = this.spec.unitMoney;
    const tickLots = p.cost / unitMoney;
    const n = Number(tickLots);
    if (tickLots * unitMoney !== p.cost || !Number.isSafeInteger(n)) return false;
    this.costTickLots = n;
    this.costInUnits = true;
    return true;
  }

  /** mark * lot size in money units, as the engine's onMark computes it (decOf, then half-even at 24). */
  private markPerLot(mark: number): bigint {
    const { digits, exponent } = decimalDigits(mark.toPrecision(15));
    // mark * lotSize = digits * lotUnits * 10^(exponent - lotDp)
    const shift = exponent - this.spec.lotDp + MONEY_DP;
    if (Math.abs(shift) > 48) return roundToScaled(decOf(mark).mul(this.spec.instrument.lotSize), MONEY_DP);
    const product = digits * this.lotScale;
    if (shift >= 0) return product * pow10(shift);
    return roundHalfEven(product, pow10(-shift));
  }
}

/** "123.4500" -> {digits: 1234500n, exponent: -4}; also "1.5e+21". */
function decimalDigits(text: string): { digits: bigint; exponent: number } {
  let mantissa = text;
  let exponent = 0;
  const e = text.indexOf('e');
  if (e >= 0) {
    mantissa = text.slice(0, e);
    exponent = Number(text.slice(e + 1));
  }
  const dot = mantissa.indexOf('.');
  if (dot >= 0) {
    exponent -= mantissa.length - dot - 1;
    mantissa = mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  }
  return { digits: BigInt(mantissa), exponent };
}

function roundHalfEven(num: bigint, den: bigint): bigint {
  let q = num / den;
  const r = num - q * den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > den || (twice === den && (q & 1n) !== 0n)) q += r < 0n ? -1n : 1n;
  return q;
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  return q * denominator === numerator || numerator < 0n ? q : q + 1n;
}
