import { Command } from '@nestjs/cqrs';
import type { OrderView } from '../../../../domain/orders';

export class CancelOrderCommand extends Command<OrderView> {
  constructor(readonly orderId: string) {
    super();
  }
}
