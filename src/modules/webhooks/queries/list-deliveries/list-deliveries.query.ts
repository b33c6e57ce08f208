import { Query } from '@nestjs/cqrs';
import type { DeliveryStatus } from '../../webhook-deliveries.repository';
import type { DeliveryResponseDto } from './list-deliveries.response.dto';

export class ListDeliveriesQuery extends Query<DeliveryResponseDto[]> {
  constructor(
    readonly webhookId: string,
    readonly status: DeliveryStatus | undefined,
    readonly limit: number,
  ) {
    super();
  }
}
