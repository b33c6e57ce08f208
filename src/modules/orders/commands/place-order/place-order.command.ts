import { Command } from '@nestjs/cqrs';
import type { Placement } from './order-placement';
import type { PlaceOrderRequestDto } from './place-order.request.dto';

export class PlaceOrderCommand extends Command<Placement> {
  constructor(readonly request: PlaceOrderRequestDto) {
    super();
  }
}
