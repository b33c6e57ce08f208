import type { LimitTimeInForce, OrderRequest, OrderSide, TriggerSource } from './matching.types';

/** An order the engine holds, in integer units. Mutable: only the engine changes it. */
export interface WorkingOrder {
  readonly id: string;
  readonly symbol: string;
  readonly request: OrderRequest;
  readonly side: OrderSide;
  readonly isBuy: boolean;
  readonly reduceOnly: boolean;
  /** Limit price in ticks; undefined for market orders. */
  limitTicks: number | undefined;
  timeInForce: LimitTimeInForce;
  totalLots: number;
  filledLots: number;
  /** Trigger price in ticks for stop and take-profit orders, undefined otherwise. */
  triggerTicks: number | undefined;
  readonly triggerBy: TriggerSource;
  /** True for take-profit: fires when the price moves in the order's favour. */
  readonly takeProfit: boolean;
  /** Margin reserved while the order rests (money units). */
  lockedMoney: bigint;
}

export function remainingLots(order: WorkingOrder): number {
  return order.totalLots - order.filledLots;
}
