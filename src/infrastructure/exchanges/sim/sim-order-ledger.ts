import type { CancelReason, EngineEvent, OrderRequest } from '../../../domain/matching';
import { assertNever } from '../../../domain/shared/decider';
import { Dec, toWire } from '../../../domain/shared/decimal';
import type { VenueFill, VenueFunding, VenueOrder, VenueOrderStatus } from '../trading.types';

/** What a batch of engine events changed, in the order it happened (for the watch streams). */
export interface LedgerChanges {
  orders: VenueOrder[];
  fills: VenueFill[];
  funding: VenueFunding[];
}

interface OrderRecord {
  order: VenueOrder;
  notional: Dec;
}

const SETTLE_CURRENCY = 'USDT';
const AVERAGE_PRICE_DP = 12;

/** A cancel the venue made by itself ends an order as 'expired' (ccxt's word for IOC leftovers). */
function cancelStatus(reason: CancelReason): { status: VenueOrderStatus; reason: string | null } {
  switch (reason) {
    case 'user':
      return { status: 'cancelled', reason: null };
    case 'reduce_only':
      return { status: 'cancelled', reason: 'reduce_only' };
    case 'ioc_remainder':
    case 'no_liquidity':
      return { status: 'expired', reason };
    default:
      return assertNever(reason);
  }
}

function optionalWire(value: Dec | undefined): string | null {
  return value === undefined ? null : toWire(value);
}

function newOrder(orderId: string, request: OrderRequest, at: number): VenueOrder {
  return {
    venueOrderId: orderId,
    clientOrderId: request.clientOrderId ?? null,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    status: 'open',
    quantity: toWire(request.quantity),
    filled: '0',
    price:
      request.type === 'limit' || request.type === 'stop_limit' || request.type === 'take_profit_limit'
        ? toWire(request.price)
        : null,
    triggerPrice: request.type === 'market' || request.type === 'limit' ? null : toWire(request.triggerPrice),
    averagePrice: null,
    timestamp: at,
    reason: null,
  };
}

/**
 * One account's orders and fills as the venue reports them, kept up to date from the matching
 * engine's events: the source of fetchOrder, fetchOpenOrders, fetchFills and the watch streams.
 */
export class SimOrderLedger {
  private readonly records = new Map<string, OrderRecord>();
  private readonly byClientOrderId = new Map<string, string>();
  private readonly fillLog: VenueFill[] = [];

  get(venueOrderId: string): VenueOrder | undefined {
    const record = this.records.get(venueOrderId);
    return record === undefined ? undefined : { ...record.order };
  }

  byClientId(clientOrderId: string): VenueOrder | undefined {
    const id = this.byClientOrderId.get(clientOrderId);
    return id === undefined ? undefined : this.get(id);
  }

  open(symbol?: string): VenueOrder[] {
    const out: VenueOrder[] = [];
    for (const { order } of this.records.values()) {
      if (order.status !== 'open' && order.status !== 'partially_filled') continue;
      if (symbol === undefined || order.symbol === symbol) out.push({ ...order });
    }
    return out;
  }

  fills(symbol?: string, since?: number): VenueFill[] {
    return this.fillLog.filter(
      (f) => (symbol === undefined || f.symbol === symbol) && (since === undefined || f.timestamp >= since),
    );
  }

  /** A request the engine refused as a business outcome: recorded as a 'rejected' order. */
  recordRejected(orderId: string, request: OrderRequest, reason: string, at: number): VenueOrder {
    const order = { ...newOrder(orderId, request, at), status: 'rejected' as const, reason };
    this.remember({ order, notional: new Dec(0) });
    return { ...order };
  }

  apply(events: readonly EngineEvent[]): LedgerChanges {
    const changes: LedgerChanges = { orders: [], fills: [], funding: [] };
    for (const event of events) {
      if (event.type === 'funding') {
        changes.funding.push({
          symbol: event.symbol,
          amount: toWire(event.amount),
          rate: toWire(event.rate),
          timestamp: event.at,
        });
        continue;
      }
      if (event.type === 'leverage_changed') continue;
      if (event.type === 'accepted') {
        this.remember({ order: newOrder(event.orderId, event.order, event.at), notional: new Dec(0) });
      }
      const record = this.records.get(event.orderId);
      if (record === undefined) continue;
      const fill = this.evolve(record, event);
      if (fill !== undefined) changes.fills.push(fill);
      changes.orders.push({ ...record.order });
    }
    return changes;
  }

  private evolve(
    record: OrderRecord,
    event: Exclude<EngineEvent, { type: 'funding' | 'leverage_changed' }>,
  ): VenueFill | undefined {
    const order = record.order;
    switch (event.type) {
      case 'accepted':
      case 'triggered':
        return undefined;
      case 'rejected':
        order.status = 'rejected';
        order.reason = event.reason;
        return undefined;
      case 'amended':
        order.quantity = toWire(event.quantity);
        order.price = optionalWire(event.price) ?? order.price;
        order.triggerPrice = optionalWire(event.triggerPrice) ?? order.triggerPrice;
        return undefined;
      case 'cancelled': {
        const { status, reason } = cancelStatus(event.reason);
        order.status = status;
        order.reason = reason;
        return undefined;
      }
      case 'filled': {
        const filled = new Dec(order.filled).plus(event.quantity);
        record.notional = record.notional.plus(event.price.mul(event.quantity));
        order.filled = toWire(filled);
        order.averagePrice = toWire(record.notional.div(filled).toDecimalPlaces(AVERAGE_PRICE_DP));
        order.status = event.remaining.isZero() ? 'filled' : 'partially_filled';
        const fill: VenueFill = {
          fillId: event.fillId,
          venueOrderId: order.venueOrderId,
          clientOrderId: order.clientOrderId,
          symbol: event.symbol,
          side: event.side,
          price: toWire(event.price),
          quantity: toWire(event.quantity),
          fee: toWire(event.fee),
          feeCurrency: SETTLE_CURRENCY,
          liquidity: event.liquidity,
          timestamp: event.at,
        };
        this.fillLog.push(fill);
        return fill;
      }
      default:
        return assertNever(event);
    }
  }

  private remember(record: OrderRecord): void {
    this.records.set(record.order.venueOrderId, record);
    if (record.order.clientOrderId !== null) {
      this.byClientOrderId.set(record.order.clientOrderId, record.order.venueOrderId);
    }
  }
}
