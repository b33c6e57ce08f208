import type { OrderFilled, OrderPartiallyFilled } from '../orders';
import { Dec } from '../shared/decimal';
import { applyFill, type FillOutcome, type Position } from './position';

/** For the positions projection: an order's fill event applied to its account's position. */
export function applyOrderFill(position: Position, event: OrderPartiallyFilled | OrderFilled): FillOutcome {
  return applyFill(position, {
    side: event.side,
    price: new Dec(event.price),
    quantity: new Dec(event.quantity),
    fee: new Dec(event.fee),
  });
}
