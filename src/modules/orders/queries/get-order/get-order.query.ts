import { Query } from '@nestjs/cqrs';
import type { OrderWithFillsResponseDto } from './order.response.dto';

export class GetOrderQuery extends Query<OrderWithFillsResponseDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
