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

/** A Dec computed on first read: fills are hot, and building a Dec costs ~0.5 µs. */
function lazy(compute: () => Dec): () => Dec {
  let value: Dec | undefined;
  return () => (value ??= compute());
}

export interface FillFacts {
  readonly at: number;
  readonly fillId: string;
  readonly liquidity: Liquidity;
  readonly ticks: number;
  readonly lots: number;
  readonly fee: bigint;
  readonly realized: bigint;
}

export function filled(spec: InstrumentSpec, order: WorkingOrder, facts: FillFacts): OrderFilled {
  const remainingLots = order.totalLots - order.filledLots;
  const price = lazy(() => ticksToPrice(spec, facts.ticks));
  const quantity = lazy(() => lotsToQuantity(spec, facts.lots));
  const fee = lazy(() => moneyToDec(facts.fee));
  const realizedPnl = lazy(() => moneyToDec(facts.realized));
  const remaining = lazy(() => lotsToQuantity(spec, remainingLots));
  return {
    type: 'filled',
    at: facts.at,
    orderId: order.id,
    fillId: facts.fillId,
    symbol: order.symbol,
    side: order.side,
    liquidity: facts.liquidity,
    get price() {
      return price();
    },
    get quantity() {
      return quantity();
    },
    get fee() {
      return fee();
    },
    get realizedPnl() {
      return realizedPnl();
    },
    get remaining() {
      return remaining();
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
  const remaining = lazy(() => lotsToQuantity(spec, remainingLots));
  return {
    type: 'cancelled',
    at,
    orderId: order.id,
    symbol: order.symbol,
    reason,
    get remaining() {
      return remaining();
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
