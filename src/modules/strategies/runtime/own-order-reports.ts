import type { OrderView } from '../../../domain/orders';
import { Dec } from '../../../domain/shared/decimal';
import type { StrategyFill, StrategyOrderClosed, StrategyRefusal } from '../../../domain/strategy';

export type OwnOrderReport =
  | { readonly kind: 'fill'; readonly fill: StrategyFill }
  | { readonly kind: 'closed'; readonly closed: StrategyOrderClosed }
  | { readonly kind: 'refused'; readonly refusal: StrategyRefusal };

interface Seen {
  filled: Dec;
  notional: Dec; // filled * average price: a fill's price is the change of it over the change of filled
  fees: Dec;
  done: boolean;
}

/**
 * Turns the account's order changes (TradingFeed) into what a strategy session hears about its own
 * orders, told apart by the run's client order id prefix: each fill (the change in the order's
 * cumulative filled quantity, priced from the change in its filled notional), a cancel or expiry,
 * a venue rejection. A risk refusal is answered at placement already, so it is not reported twice.
 */
export class OwnOrderReports {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly prefix: string) {}

  owns(order: OrderView): boolean {
    return order.clientOrderId.startsWith(this.prefix);
  }

  refOf(order: OrderView): string {
    const rest = order.clientOrderId.slice(this.prefix.length);
    // `<epoch>.<ref>`: a run resumed after a restart keeps its prefix with a new epoch
    const dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.slice(dot + 1);
  }

  report(eventType: string, order: OrderView, at: number): OwnOrderReport[] {
    if (!this.owns(order)) return [];
    const ref = this.refOf(order);
    const seen = this.seen.get(order.orderId) ?? {
      filled: new Dec(0),
      notional: new Dec(0),
      fees: new Dec(0),
      done: false,
    };
    this.seen.set(order.orderId, seen);
    if (seen.done) return [];
    const out: OwnOrderReport[] = [];
    const filled = new Dec(order.filled);
    if (filled.gt(seen.filled)) {
      const notional = filled.mul(order.averagePrice ?? '0');
      const quantity = filled.minus(seen.filled);
      const fees = new Dec(order.fees);
      out.push({
        kind: 'fill',
        fill: {
          ref,
          fillId: `${order.orderId}:${filled.toString()}`,
          at,
          symbol: order.symbol,
          side: order.side,
          price: notional.minus(seen.notional).div(quantity).toNumber(),
          quantity: quantity.toNumber(),
          fee: fees.minus(seen.fees).toNumber(),
          remaining: new Dec(order.remaining).toNumber(),
        },
      });
      seen.filled = filled;
      seen.notional = notional;
      seen.fees = fees;
    }
    if (order.status === 'cancelled' || order.status === 'expired') {
      seen.done = true;
      out.push({ kind: 'closed', closed: { ref, at, reason: order.status } });
    } else if (order.status === 'rejected') {
      seen.done = true;
      if (order.rejection?.source !== 'risk') {
        out.push({
          kind: 'refused',
          refusal: {
            ref,
            at,
            intent: 'place',
            code: order.rejection?.reason ?? 'REJECTED',
            message: order.rejection?.message ?? `${eventType}`,
          },
        });
      }
    } else if (order.status === 'filled') {
      seen.done = true;
    }
    return out;
  }
}
