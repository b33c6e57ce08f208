import type { TriggerSource } from './matching.types';
import type { WorkingOrder } from './resting-order';

/**
 * Stop: a buy fires when the price rises to the trigger (breakout / stop-loss of a short), a sell
 * when it falls to it. Take-profit is the mirror: a buy fires when the price falls to the trigger.
 */
export function isTriggered(order: WorkingOrder, priceTicks: number): boolean {
  const trigger = order.triggerTicks;
  if (trigger === undefined) return false;
  const risesThrough = priceTicks >= trigger;
  const fallsThrough = priceTicks <= trigger;
  if (order.takeProfit) return order.isBuy ? fallsThrough : risesThrough;
  return order.isBuy ? risesThrough : fallsThrough;
}

/** Stop and take-profit orders waiting for their price, in submission order. */
export class TriggerBook {
  private orders: WorkingOrder[] = [];

  get size(): number {
    return this.orders.length;
  }

  add(order: WorkingOrder): void {
    this.orders.push(order);
  }

  remove(order: WorkingOrder): boolean {
    const index = this.orders.indexOf(order);
    if (index < 0) return false;
    this.orders.splice(index, 1);
    return true;
  }

  all(): readonly WorkingOrder[] {
    return this.orders;
  }

  /** Removes and returns the orders that the price fires, in submission order. */
  takeDue(source: TriggerSource, priceTicks: number): WorkingOrder[] {
    if (this.orders.length === 0) return [];
    const due: WorkingOrder[] = [];
    const waiting: WorkingOrder[] = [];
    for (const order of this.orders) {
      if (order.triggerBy === source && isTriggered(order, priceTicks)) due.push(order);
      else waiting.push(order);
    }
    if (due.length > 0) this.orders = waiting;
    return due;
  }
}
