import { Query } from '@nestjs/cqrs';
import type { OrderPageResponseDto } from '../get-order/order.response.dto';
import type { ListOrdersRequestDto } from './list-orders.request.dto';

export class ListOrdersQuery extends Query<OrderPageResponseDto> {
  constructor(readonly filter: ListOrdersRequestDto) {
    super();
  }
}
