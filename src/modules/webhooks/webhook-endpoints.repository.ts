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

  /** Inserts the endpoint, in the caller's transaction when given one. */
  async insert(
    w: {
      webhookId: string;
      url: string;
      eventTypes: string[];
      secret: string;
      createdBy: string;
      createdAt: Date;
    },
    sql: SqlClient = this.pool,
  ): Promise<void> {
    await sql.query(
      `INSERT INTO webhooks (webhook_id, url, event_types, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [w.webhookId, w.url, w.eventTypes, w.secret, w.createdBy, w.createdAt],
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
