import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookDeliveriesRepository } from '../../webhook-deliveries.repository';
import { ListDeliveriesQuery } from './list-deliveries.query';
import type { DeliveryAttemptDto, DeliveryResponseDto } from './list-deliveries.response.dto';

@QueryHandler(ListDeliveriesQuery)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveriesQuery> {
  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  async execute({ webhookId, status, limit }: ListDeliveriesQuery): Promise<DeliveryResponseDto[]> {
    const rows = await this.deliveries.list(webhookId, status, limit);
    const attempts = await this.deliveries.attemptsOf(rows.map((r) => r.delivery_id));
    const logs = new Map<string, DeliveryAttemptDto[]>();
    for (const a of attempts) {
      const log = logs.get(a.delivery_id) ?? [];
      log.push({
        attempt: a.attempt,
        attemptedAt: a.attempted_at.toISOString(),
        statusCode: a.status_code,
        error: a.error,
        durationMs: a.duration_ms,
      });
      logs.set(a.delivery_id, log);
    }
    return rows.map((r) => ({
      id: r.delivery_id,
      eventId: r.event_id,
      eventType: r.event_type,
      eventPosition: r.event_position,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      log: logs.get(r.delivery_id) ?? [],
    }));
  }
}
