import { Dec, isDecimalString } from '../shared/decimal';
import type { PlaceOrder } from './order.commands';
import type { OrderState } from './order.state';

function sameDecimal(stored: Dec | null, given: string | null | undefined): boolean {
  const value = given ?? null;
  if (stored === null || value === null) return stored === null && value === null;
  return isDecimalString(value) && stored.eq(new Dec(value));
}

/**
 * A placement repeated with a clientOrderId already used on the account: the fields in which it
 * differs from the order placed first (empty = the same request again, answered with that order).
 */
export function placementDifferences(state: OrderState, command: PlaceOrder): string[] {
  const differences: string[] = [];
  if (state.symbol !== command.symbol) differences.push('symbol');
  if (state.side !== command.side) differences.push('side');
  if (state.orderType !== command.orderType) differences.push('type');
  if (!sameDecimal(state.placedQuantity, command.quantity)) differences.push('quantity');
  if (!sameDecimal(state.placedPrice, command.price)) differences.push('price');
  if (!sameDecimal(state.placedTriggerPrice, command.triggerPrice)) differences.push('triggerPrice');
  if (state.timeInForce !== (command.timeInForce ?? 'gtc')) differences.push('timeInForce');
  if (state.reduceOnly !== (command.reduceOnly ?? false)) differences.push('reduceOnly');
  if ((state.expiresAt ?? null) !== (command.expiresAt ?? null)) differences.push('expiresAt');
  const bracket = state.bracket;
  if (
    !sameDecimal(
      bracket?.takeProfit ? new Dec(bracket.takeProfit.triggerPrice) : null,
      command.takeProfit?.triggerPrice,
    )
  )
    differences.push('takeProfit');
  if (
    !sameDecimal(
      bracket?.stopLoss ? new Dec(bracket.stopLoss.triggerPrice) : null,
      command.stopLoss?.triggerPrice,
    )
  )
    differences.push('stopLoss');
  return differences;
}
