import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../../infrastructure/event-store/sql-client';
import { Projection } from '../../../infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler } from '../../../infrastructure/event-store/subscription.types';

/**
 * Enqueues one delivery per event and subscribed endpoint, in the transaction that moves this
 * subscription's checkpoint: no event is lost across restarts, and none is enqueued twice. The
 * delivery id derives from (endpoint, event), so a rebuild does not duplicate either.
 * An endpoint receives the events that occurred after it was registered.
 */
@Projection()
@Injectable()
export class WebhookDeliveryProjection implements ProjectionHandler {
  readonly name = 'webhook-deliveries';

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    if (events.length === 0) return;
    await tx.query(
      `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_position, event_type)
       SELECT md5(w.webhook_id || ':' || e.event_id::text)::uuid, w.webhook_id, e.event_id, e.position, e.type
       FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[]) AS e(event_id, position, type, occurred_at)
       JOIN webhooks w ON w.removed_at IS NULL AND w.created_at <= e.occurred_at
         AND (w.event_types @> ARRAY[e.type] OR w.event_types @> ARRAY['*'])
       ON CONFLICT (webhook_id, event_id) DO NOTHING`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.position.toString()),
        events.map((e) => e.type),
        events.map((e) => e.occurredAt.toISOString()),
      ],
    );
  }

  async reset(tx: SqlClient): Promise<void> {
    // Delivered history stays: deterministic ids make the replay skip what is already queued.
    await tx.query('SELECT 1');
  }
}
