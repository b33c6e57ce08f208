import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';
import { ListWebhooksQuery } from './list-webhooks.query';
import type { WebhookResponseDto } from './list-webhooks.response.dto';

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery> {
  constructor(private readonly endpoints: WebhookEndpointsRepository) {}

  async execute(): Promise<WebhookResponseDto[]> {
    const rows = await this.endpoints.list();
    return rows.map((r) => ({
      id: r.webhook_id,
      url: r.url,
      eventTypes: r.event_types,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
