import { Dec } from '../shared/decimal';

/** Open (working, unfilled) quantity of an account's orders on one symbol, per side. */
export interface OpenQuantity {
  readonly symbol: string;
  readonly buy: Dec;
  readonly sell: Dec;
}

export const NO_OPEN_QUANTITY = (symbol: string): OpenQuantity => ({
  symbol,
  buy: new Dec(0),
  sell: new Dec(0),
});

/**
 * The position if every open order filled: all buys (position + buys) or all sells (position - sells),
 * whichever is further from zero. Orders on the other side are never netted: they may be cancelled.
 */
export function worstCasePosition(position: Dec, open: OpenQuantity): Dec {
  const allBuys = position.plus(open.buy);
  const allSells = position.minus(open.sell);
  return allBuys.abs().gte(allSells.abs()) ? allBuys : allSells;
}

export function worstCaseNotional(position: Dec, open: OpenQuantity, mark: Dec): Dec {
  return worstCasePosition(position, open).abs().mul(mark);
}

/**
 * What an order opposite the position can still take off without any chance of passing zero:
 * |position| minus the open quantity already resting on the reducing side (never below zero).
 */
export function reducibleQuantity(position: Dec, open: OpenQuantity): Dec {
  if (position.isZero()) return new Dec(0);
  const resting = position.isPositive() ? open.sell : open.buy;
  return Dec.max(position.abs().minus(resting), new Dec(0));
}

/** open with one more order added on its side. */
export function withOrder(open: OpenQuantity, side: 'buy' | 'sell', quantity: Dec): OpenQuantity {
  return side === 'buy'
    ? { ...open, buy: open.buy.plus(quantity) }
    : { ...open, sell: open.sell.plus(quantity) };
}
