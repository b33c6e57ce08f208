import { Dec } from '../shared/decimal';

/**
 * A one-way position on one symbol and its PnL. The quantity is signed (> 0 long, < 0 short); `cost`
 * is the entry notional of the open quantity (always >= 0), so the average entry is cost / |quantity|
 * and closing everything releases exactly the cost. Realized PnL excludes fees and funding, which are
 * kept apart (fees > 0 paid, funding > 0 received) so an auditor can see each.
 */
export interface Position {
  readonly symbol: string;
  readonly quantity: Dec;
  readonly cost: Dec;
  readonly realizedPnl: Dec;
  readonly fees: Dec;
  readonly funding: Dec;
}

export interface PositionFill {
  readonly side: 'buy' | 'sell';
  readonly price: Dec;
  readonly quantity: Dec; // > 0
  readonly fee: Dec; // > 0 paid, < 0 rebate
}

const ZERO = new Dec(0);

export function flatPosition(symbol: string): Position {
  return { symbol, quantity: ZERO, cost: ZERO, realizedPnl: ZERO, fees: ZERO, funding: ZERO };
}

export function averageEntry(position: Position): Dec {
  return position.quantity.isZero() ? ZERO : position.cost.div(position.quantity.abs());
}

export interface FillOutcome {
  readonly position: Position;
  readonly realizedPnl: Dec; // of this fill's closing part, before fees
  readonly closed: Dec; // quantity this fill closed
  readonly opened: Dec; // quantity this fill opened (past zero when flipping)
}

/** Applies a fill: adds at a new average, or reduces and realizes, or closes and flips in one go. */
export function applyFill(position: Position, fill: PositionFill): FillOutcome {
  const signed = fill.side === 'buy' ? fill.quantity : fill.quantity.neg();
  const fees = position.fees.plus(fill.fee);
  const adds = position.quantity.isZero() || position.quantity.isPositive() === signed.isPositive();
  if (adds) {
    return {
      position: {
        ...position,
        quantity: position.quantity.plus(signed),
        cost: position.cost.plus(fill.price.mul(fill.quantity)),
        fees,
      },
      realizedPnl: ZERO,
      closed: ZERO,
      opened: fill.quantity,
    };
  }
  const open = position.quantity.abs();
  const closed = Dec.min(open, fill.quantity);
  const released = closed.eq(open) ? position.cost : position.cost.mul(closed).div(open);
  const exit = fill.price.mul(closed);
  // A long sells for `exit` what it bought for `released`; a short the other way round.
  const realized = position.quantity.isPositive() ? exit.minus(released) : released.minus(exit);
  const opened = fill.quantity.minus(closed);
  return {
    position: {
      ...position,
      quantity: position.quantity.plus(signed),
      cost: opened.isZero() ? position.cost.minus(released) : fill.price.mul(opened),
      realizedPnl: position.realizedPnl.plus(realized),
      fees,
    },
    realizedPnl: realized,
    closed,
    opened,
  };
}

/**
 * The funding payment of a position (> 0 received): longs pay shorts when the rate is positive.
 * quantity * mark * rate is the notional times the rate, with the sign of the position.
 */
export function fundingPayment(quantity: Dec, markPrice: Dec, rate: Dec): Dec {
  return quantity.mul(markPrice).mul(rate).neg();
}

export function applyFunding(position: Position, amount: Dec): Position {
  return { ...position, funding: position.funding.plus(amount) };
}

export function unrealizedPnl(position: Position, markPrice: Dec): Dec {
  if (position.quantity.isZero()) return ZERO;
  const value = position.quantity.abs().mul(markPrice);
  return position.quantity.isPositive() ? value.minus(position.cost) : position.cost.minus(value);
}

/** Realized PnL net of fees and funding. */
export function netRealizedPnl(position: Position): Dec {
  return position.realizedPnl.minus(position.fees).plus(position.funding);
}

export function notional(position: Position, markPrice: Dec): Dec {
  return position.quantity.abs().mul(markPrice);
}
