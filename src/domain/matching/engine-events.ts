import type { Dec } from '../shared/decimal';
import { moneyToDec } from './fixed-point';
import { lotsToQuantity, ticksToPrice, type InstrumentSpec } from './instrument-spec';
import type {
  CancelReason,
  Liquidity,
  OrderCancelled,
  OrderFilled,
  OrderRejected,
  RejectCode,
} from './matching.types';
import type { WorkingOrder } from './resting-order';

export interface FillFacts {
  readonly at: number;
  readonly fillId: string;
  readonly liquidity: Liquidity;
  readonly ticks: number;
  readonly lots: number;
  readonly fee: bigint;
  readonly realized: bigint;
}

/**
 * Fills are hot and building a Dec costs ~0.5 µs, so the Dec fields are computed on first read
 * (then kept). They are own enumerable getters: JSON and deep equality see them like plain fields.
 */
export function filled(spec: InstrumentSpec, order: WorkingOrder, facts: FillFacts): OrderFilled {
  const remainingLots = order.totalLots - order.filledLots;
  let price: Dec | undefined;
  let quantity: Dec | undefined;
  let fee: Dec | undefined;
  let realizedPnl: Dec | undefined;
  let remaining: Dec | undefined;
  return {
    type: 'filled',
    at: facts.at,
    orderId: order.id,
    fillId: facts.fillId,
    symbol: order.symbol,
    side: order.side,
    liquidity: facts.liquidity,
    get price() {
      return (price ??= ticksToPrice(spec, facts.ticks));
    },
    get quantity() {
      return (quantity ??= lotsToQuantity(spec, facts.lots));
    },
    get fee() {
      return (fee ??= moneyToDec(facts.fee));
    },
    get realizedPnl() {
      return (realizedPnl ??= moneyToDec(facts.realized));
    },
    get remaining() {
      return (remaining ??= lotsToQuantity(spec, remainingLots));
    },
  };
}

export function cancelled(
  spec: InstrumentSpec,
  order: WorkingOrder,
  reason: CancelReason,
  at: number,
): OrderCancelled {
  const remainingLots = order.totalLots - order.filledLots;
  let remaining: Dec | undefined;
  return {
    type: 'cancelled',
    at,
    orderId: order.id,
    symbol: order.symbol,
    reason,
    get remaining() {
      return (remaining ??= lotsToQuantity(spec, remainingLots));
    },
  };
}

export function rejected(
  orderId: string,
  symbol: string,
  reason: RejectCode,
  message: string,
  at: number,
): OrderRejected {
  return { type: 'rejected', at, orderId, symbol, reason, message };
}
