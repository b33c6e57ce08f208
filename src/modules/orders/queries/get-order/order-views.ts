import { Injectable } from '@nestjs/common';
import { OrderNotFoundError, type OrderEvent, type OrderView } from '../../../../domain/orders';
import { PostgresEventStore } from '../../../../infrastructure/event-store/postgres-event-store';
import { foldView } from '../../commands/place-order/order-placement';
import { isOrderId, orderStreamId } from '../../order-ids';
import { OrdersRepository, type FillRow } from '../../orders.repository';

/** The order as the API shows it: from the read model, or folded from its stream when the model lags behind. */
@Injectable()
export class OrderViews {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly orders: OrdersRepository,
  ) {}

  async fromStream(orderId: string): Promise<OrderView> {
    const events = await this.store.readStream(orderStreamId(orderId));
    if (events.length === 0) throw new OrderNotFoundError(orderId);
    return foldView(events.map((e) => e.data as OrderEvent));
  }

  /** The read model's row, unless the stream is further on (a command just wrote it). */
  async withFills(orderId: string): Promise<OrderView & { fills: FillRow[] }> {
    if (!isOrderId(orderId)) throw new OrderNotFoundError(orderId);
    const events = await this.store.readStream(orderStreamId(orderId));
    if (events.length === 0) throw new OrderNotFoundError(orderId);
    const view = foldView(events.map((e) => e.data as OrderEvent));
    const projected = await this.orders.view(orderId);
    const fills =
      projected !== undefined && projected.version === view.version
        ? await this.orders.fills(orderId)
        : events
            .map((e) => e.data as OrderEvent)
            .filter(
              (e): e is Extract<OrderEvent, { type: 'OrderFilled' | 'OrderPartiallyFilled' }> =>
                e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled',
            )
            .map((e) => ({
              fillId: e.fillId,
              price: e.price,
              quantity: e.quantity,
              fee: e.fee,
              feeCurrency: e.feeCurrency,
              liquidity: e.liquidity,
              at: e.at,
            }));
    return { ...view, fills };
  }
}
