import type { OrderFilled } from '../matching';
import { Dec, toWire } from '../shared/decimal';
import type { BacktestTrade } from './backtest.types';

interface OpenTrade {
  readonly side: 'long' | 'short';
  readonly entryTime: number;
  entryQty: Dec;
  entryNotional: Dec;
  exitQty: Dec;
  exitNotional: Dec;
  gross: Dec;
  fees: Dec;
  funding: Dec;
  exitTime: number;
}

const ZERO = new Dec(0);

/**
 * Round trips from the engine's fills, in decimals (fills are rare, exactness is cheap here). A
 * flip's fill is split: the part that closes the position ends the trade (with its share of the
 * fee), the rest opens the next one.
 */
export class TradeLedger {
  readonly closed: BacktestTrade[] = [];
  private position = ZERO; // signed
  private current: OpenTrade | undefined;

  constructor(private readonly symbol: string) {}

  onFill(fill: OrderFilled): void {
    const signed = fill.side === 'buy' ? fill.quantity : fill.quantity.neg();
    const before = this.position;
    const reducing = !before.isZero() && before.isNeg() !== signed.isNeg();
    const closing = reducing ? Dec.min(fill.quantity, before.abs()) : ZERO;
    const opening = fill.quantity.minus(closing);
    const feeOf = (q: Dec): Dec => fill.fee.mul(q).div(fill.quantity);
    if (closing.gt(0) && this.current !== undefined) {
      const t = this.current;
      t.exitQty = t.exitQty.plus(closing);
      t.exitNotional = t.exitNotional.plus(closing.mul(fill.price));
      t.gross = t.gross.plus(fill.realizedPnl);
      t.fees = t.fees.plus(opening.isZero() ? fill.fee : feeOf(closing));
      t.exitTime = fill.at;
    }
    this.position = before.plus(signed);
    const ended = closing.gt(0) && closing.eq(before.abs()); // flat, or flipped through flat
    if (ended && this.current !== undefined) {
      this.closed.push(this.toTrade(this.current));
      this.current = undefined;
    }
    if (opening.gt(0)) {
      const fee = closing.isZero() ? fill.fee : feeOf(opening);
      if (this.current === undefined) {
        this.current = {
          side: fill.side === 'buy' ? 'long' : 'short',
          entryTime: fill.at,
          entryQty: ZERO,
          entryNotional: ZERO,
          exitQty: ZERO,
          exitNotional: ZERO,
          gross: ZERO,
          fees: ZERO,
          funding: ZERO,
          exitTime: fill.at,
        };
      }
      const t = this.current;
      t.entryQty = t.entryQty.plus(opening);
      t.entryNotional = t.entryNotional.plus(opening.mul(fill.price));
      t.fees = t.fees.plus(fee);
    }
  }

  onFunding(amount: Dec): void {
    if (this.current !== undefined) this.current.funding = this.current.funding.plus(amount);
  }

  /** The trade still open, valued at `mark` (its unrealized PnL counted as gross). */
  openTrade(mark: Dec, at: number): BacktestTrade | null {
    const t = this.current;
    if (t === undefined) return null;
    const avg = t.entryNotional.div(t.entryQty);
    const sign = t.side === 'long' ? 1 : -1;
    const unrealized = mark.minus(avg).mul(this.position.abs()).mul(sign);
    return this.toTrade({
      ...t,
      gross: t.gross.plus(unrealized),
      exitTime: at,
      exitQty: this.position.abs(),
      exitNotional: this.position.abs().mul(mark),
    });
  }

  private toTrade(t: OpenTrade): BacktestTrade {
    const money = (x: Dec): string => toWire(x.toDecimalPlaces(8));
    return {
      symbol: this.symbol,
      side: t.side,
      entryTime: t.entryTime,
      exitTime: t.exitTime,
      quantity: toWire(t.entryQty),
      entryPrice: money(t.entryNotional.div(t.entryQty)),
      exitPrice: t.exitQty.isZero() ? '0' : money(t.exitNotional.div(t.exitQty)),
      grossPnl: money(t.gross),
      fees: money(t.fees),
      funding: money(t.funding),
      netPnl: money(t.gross.minus(t.fees).plus(t.funding)),
    };
  }
}
