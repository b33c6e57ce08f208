import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderNotFoundError, type OrderView } from '../../../../domain/orders';
import { isOrderId } from '../../order-ids';
import { OrderCommander } from '../../order-commander';
import { OrderViews } from '../../queries/get-order/order-views';
import { CancelOrderCommand } from './cancel-order.command';

/** Records the cancel request; the order is cancelled when the venue confirms (at once if not sent yet). */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    private readonly orders: OrderCommander,
    private readonly views: OrderViews,
  ) {}

  async execute({ orderId }: CancelOrderCommand): Promise<OrderView> {
    if (!isOrderId(orderId)) throw new OrderNotFoundError(orderId);
    const state = await this.orders.load(orderId);
    if (state.status === 'none') throw new OrderNotFoundError(orderId);
    await this.orders.run(orderId, { type: 'CancelOrder', origin: 'user', at: new Date().toISOString() });
    return this.views.fromStream(orderId);
  }
}
