import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetOrderQuery } from './get-order.query';
import type { OrderWithFillsResponseDto } from './order.response.dto';
import { OrderViews } from './order-views';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(private readonly views: OrderViews) {}

  execute({ orderId }: GetOrderQuery): Promise<OrderWithFillsResponseDto> {
    return this.views.withFills(orderId);
  }
}
