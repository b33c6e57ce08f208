import { Command } from '@nestjs/cqrs';
import type { OrderView } from '../../../../domain/orders';
import type { AmendOrderRequestDto } from './amend-order.request.dto';

export class AmendOrderCommand extends Command<OrderView> {
  constructor(
    readonly orderId: string,
    readonly request: AmendOrderRequestDto,
  ) {
    super();
  }
}
