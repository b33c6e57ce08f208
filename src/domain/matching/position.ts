import { absInt } from './fixed-point';

/**
 * A one-way position in integer units: signed lots and the entry cost of the open lots (money units,
 * always >= 0). Average entry = cost / |lots|; keeping the cost instead of the average keeps closes
 * exact: closing everything releases exactly the cost.
 */
export interface PositionState {
  lots: number;
  cost: bigint;
  realized: bigint;
}

export function emptyPosition(): PositionState {
  return { lots: 0, cost: 0n, realized: 0n };
}

/**
 * Applies a fill of `lots` (> 0) on `side` at a notional per lot of `notionalOf(lots)`; returns the
 * realized PnL of the part that closed (money units).
 */
export function applyFill(
  position: PositionState,
  isBuy: boolean,
  lots: number,
  notionalOf: (lots: number) => bigint,
): bigint {
  const signed = isBuy ? lots : -lots;
  if (position.lots === 0 || position.lots > 0 === isBuy) {
    position.cost += notionalOf(lots);
    position.lots += signed;
    return 0n;
  }
  const open = absInt(position.lots);
  const closing = Math.min(lots, open);
  const released = closing === open ? position.cost : (position.cost * BigInt(closing)) / BigInt(open);
  const exit = notionalOf(closing);
  // long: sold for exit, bought for released; short: the other way round.
  const realized = position.lots > 0 ? exit - released : released - exit;
  position.cost -= released;
  position.lots += isBuy ? closing : -closing;
  position.realized += realized;
  const opening = lots - closing;
  if (opening > 0) {
    position.cost = notionalOf(opening);
    position.lots = isBuy ? opening : -opening;
  }
  return realized;
}

/** Lots an order on this side can fill without increasing |position| (0 when it would only add). */
export function reducibleLots(position: PositionState, isBuy: boolean): number {
  if (position.lots === 0 || position.lots > 0 === isBuy) return 0;
  return absInt(position.lots);
}

/** Unrealized PnL at a mark given as money units per lot. */
export function unrealized(position: PositionState, markPerLot: bigint): bigint {
  if (position.lots === 0) return 0n;
  const value = BigInt(absInt(position.lots)) * markPerLot;
  return position.lots > 0 ? value - position.cost : position.cost - value;
}
