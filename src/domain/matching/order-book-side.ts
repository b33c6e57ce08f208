import type { WorkingOrder } from './resting-order';

/**
 * One side of the account's own resting orders: distinct prices kept sorted best first, each with a
 * FIFO queue. Sides hold few prices near the touch, so a sorted array with binary search beats a tree.
 */
export class OrderBookSide {
  private readonly prices: number[] = [];
  private readonly queues = new Map<number, WorkingOrder[]>();
  private count = 0;

  constructor(private readonly isBid: boolean) {}

  get size(): number {
    return this.count;
  }

  /** Best price in ticks: highest bid or lowest ask. */
  best(): number | undefined {
    return this.prices[0];
  }

  add(order: WorkingOrder): void {
    const ticks = order.limitTicks;
    if (ticks === undefined) throw new Error(`order ${order.id} has no limit price`);
    const queue = this.queues.get(ticks);
    if (queue !== undefined) {
      queue.push(order);
    } else {
      this.queues.set(ticks, [order]);
      this.prices.splice(this.insertionIndex(ticks), 0, ticks);
    }
    this.count++;
  }

  remove(order: WorkingOrder): boolean {
    const ticks = order.limitTicks;
    if (ticks === undefined) return false;
    const queue = this.queues.get(ticks);
    if (queue === undefined) return false;
    const index = queue.indexOf(order);
    if (index < 0) return false;
    queue.splice(index, 1);
    this.count--;
    if (queue.length === 0) {
      this.queues.delete(ticks);
      const at = this.insertionIndex(ticks);
      if (this.prices[at] === ticks) this.prices.splice(at, 1);
    }
    return true;
  }

  /** Orders whose price is at or through the given price, best price first, FIFO within a price. */
  crossedBy(ticks: number): WorkingOrder[] {
    const out: WorkingOrder[] = [];
    for (const price of this.prices) {
      if (this.isBid ? price < ticks : price > ticks) break;
      const queue = this.queues.get(price);
      if (queue !== undefined) out.push(...queue);
    }
    return out;
  }

  all(): WorkingOrder[] {
    const out: WorkingOrder[] = [];
    for (const price of this.prices) out.push(...(this.queues.get(price) ?? []));
    return out;
  }

  /** First index whose price is not better than ticks (bids descending, asks ascending). */
  private insertionIndex(ticks: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.prices[mid] ?? 0;
      if (this.isBid ? p > ticks : p < ticks) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
