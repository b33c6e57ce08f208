import { Inject, Injectable } from '@nestjs/common';
import type { WebhookRegistered } from '../../../domain/webhooks';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlClient, SqlPool } from '../../../infrastructure/event-store/sql-client';
import { Projection } from '../../../infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler } from '../../../infrastructure/event-store/subscription.types';

/**
 * Enqueues one delivery per event and subscribed endpoint, in the transaction that moves this
 * subscription's checkpoint: no event is lost across restarts, and none is enqueued twice. The
 * delivery id derives from (endpoint, event), so a rebuild does not duplicate either.
 * An endpoint receives the events after its WebhookRegistered event in $all: its row commits with
 * that event and names its position, so each of them finds the row, and none before it is sent.
 */
@Projection()
@Injectable()
export class WebhookDeliveryProjection implements ProjectionHandler {
  readonly name = 'webhook-deliveries';
  /**
   * The event types some endpoint may want: read from the table once, then grown by each
   * WebhookRegistered in the batches (the row commits with that event, so the table read before it
   * may lack the row).
   * Never shrunk, so it is a superset; the insert's join decides. A batch of types nobody wants then
   * costs no transaction, which is what most batches are when no endpoint takes trading events.
   */
  private wanted: Promise<Set<string>> | null = null;

  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  /** Endpoints registered while another instance was active reached this one only as table rows. */
  onActive(): void {
    this.wanted = null;
  }

  async select(events: readonly StoredEvent[]): Promise<StoredEvent[]> {
    this.wanted ??= this.loadWanted();
    const wanted = await this.wanted.catch((err: unknown) => {
      this.wanted = null;
      throw err;
    });
    for (const e of events)
      if (e.type === 'WebhookRegistered')
        for (const t of (e.data as WebhookRegistered).eventTypes) wanted.add(t);
    return wanted.has('*') ? [...events] : events.filter((e) => wanted.has(e.type));
  }

  private async loadWanted(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ event_type: string }>(
      'SELECT DISTINCT unnest(event_types) AS event_type FROM webhooks WHERE removed_at IS NULL',
    );
    return new Set(rows.map((r) => r.event_type));
  }

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    if (events.length === 0) return;
    // After the registration in $all order, which is (transaction_id, global_position).
    await tx.query(
      `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_position, event_type)
       SELECT md5(w.webhook_id || ':' || e.event_id::text)::uuid, w.webhook_id, e.event_id, e.position, e.type
       FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS e(event_id, position, type)
       JOIN events ev ON ev.global_position = e.position
       JOIN webhooks w ON w.removed_at IS NULL
         AND (w.event_types @> ARRAY[e.type] OR w.event_types @> ARRAY['*'])
       JOIN events reg ON reg.global_position = w.registered_position
       WHERE (ev.transaction_id, ev.global_position) > (reg.transaction_id, reg.global_position)
       ON CONFLICT (webhook_id, event_id) DO NOTHING`,
      [events.map((e) => e.eventId), events.map((e) => e.position.toString()), events.map((e) => e.type)],
    );
  }

  async reset(tx: SqlClient): Promise<void> {
    // Delivered history stays: deterministic ids make the replay skip what is already queued.
    await tx.query('SELECT 1');
  }
}
