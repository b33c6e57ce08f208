import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface DeliveryRow {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  event_position: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const DELIVERY_COLUMNS = `delivery_id::text AS delivery_id, webhook_id, event_id::text AS event_id,
  event_position::text AS event_position, event_type, status, attempts, next_attempt_at, last_status_code,
  last_error, created_at, delivered_at`;

export interface AttemptRow {
  delivery_id: string;
  attempt: number;
  attempted_at: Date;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface ClaimedDelivery {
  deliveryId: string;
  webhookId: string;
  eventId: string;
  attempt: number;
  url: string;
  secret: string;
  removed: boolean;
}

/** The delivery queue (one row per endpoint and event) and its attempt log. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  /**
   * Claims due deliveries: SKIP LOCKED lets several workers share the queue, and the lease (the new
   * next_attempt_at) returns a claim to the queue if its worker dies mid-delivery.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<{
      delivery_id: string;
      webhook_id: string;
      event_id: string;
      attempts: number;
      url: string;
      secret: string;
      removed: boolean;
    }>(
      `WITH due AS (
         SELECT delivery_id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now()
       FROM due, webhooks w
       WHERE d.delivery_id = due.delivery_id AND w.webhook_id = d.webhook_id
       RETURNING d.delivery_id::text, d.webhook_id, d.event_id::text, d.attempts, w.url, w.secret,
         (w.removed_at IS NOT NULL) AS removed`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      webhookId: r.webhook_id,
      eventId: r.event_id,
      attempt: r.attempts,
      url: r.url,
      secret: r.secret,
      removed: r.removed,
    }));
  }

  async recordAttempt(a: {
    deliveryId: string;
    attempt: number;
    at: Date;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    next:
      | { status: 'delivered' }
      | { status: 'pending'; retryInMs: number }
      | { status: 'dead' }
      | { status: 'cancelled' };
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.deliveryId, a.attempt, a.at, a.statusCode, a.error, a.durationMs],
    );
    const retryInMs = a.next.status === 'pending' ? a.next.retryInMs : 0;
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = $2, last_status_code = $3, last_error = $4, updated_at = now(),
         next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + $5 * interval '1 millisecond' ELSE next_attempt_at END,
         delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
       WHERE delivery_id = $1 AND attempts = $6`,
      [a.deliveryId, a.next.status, a.statusCode, a.error, retryInMs, a.attempt],
    );
  }

  async find(webhookId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE webhook_id = $1 AND delivery_id::text = $2`,
      [webhookId, deliveryId],
    );
    return rows[0];
  }

  /** A fresh series of attempts, due now. */
  async requeue(deliveryId: string): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
       WHERE delivery_id = $1`,
      [deliveryId],
    );
  }

  async list(webhookId: string, status: DeliveryStatus | undefined, limit: number): Promise<DeliveryRow[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY d.created_at DESC, d.event_position DESC LIMIT $3`,
      [webhookId, status ?? null, limit],
    );
    return rows;
  }

  async attemptsOf(deliveryIds: string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    const { rows } = await this.pool.query<AttemptRow>(
      `SELECT delivery_id::text AS delivery_id, attempt, attempted_at, status_code, error, duration_ms
       FROM webhook_delivery_attempts WHERE delivery_id = ANY ($1::uuid[]) ORDER BY attempted_at, attempt`,
      [deliveryIds],
    );
    return rows;
  }
}
