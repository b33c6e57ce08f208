import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlClient, SqlPool } from '../../infrastructure/event-store/sql-client';

export interface WebhookRow {
  webhook_id: string;
  url: string;
  event_types: string[];
  created_by: string;
  created_at: Date;
  removed_at: Date | null;
}

/** The webhooks table: endpoints and their signing secrets (which never leave this repository's callers). */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  /**
   * Inserts the endpoint, in the transaction that appended its WebhookRegistered event (at
   * `registeredPosition`): it receives the events after that one in $all.
   */
  async insert(
    w: {
      webhookId: string;
      url: string;
      eventTypes: string[];
      secret: string;
      createdBy: string;
      createdAt: Date;
      registeredPosition: bigint;
    },
    tx: SqlClient,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO webhooks (webhook_id, url, event_types, secret, created_by, created_at, registered_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [w.webhookId, w.url, w.eventTypes, w.secret, w.createdBy, w.createdAt, w.registeredPosition.toString()],
    );
  }

  /** Removes the endpoint and cancels what it still had pending. */
  async markRemoved(webhookId: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE webhooks SET removed_at = coalesce(removed_at, $2) WHERE webhook_id = $1', [
      webhookId,
      at,
    ]);
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now() WHERE webhook_id = $1 AND status = 'pending'`,
      [webhookId],
    );
  }

  async list(): Promise<WebhookRow[]> {
    const { rows } = await this.pool.query<WebhookRow>(
      `SELECT webhook_id, url, event_types, created_by, created_at, removed_at FROM webhooks
       WHERE removed_at IS NULL ORDER BY created_at, webhook_id`,
    );
    return rows;
  }
}
