import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An endpoint receives the events after its WebhookRegistered event in $all order, decided by
 * (transaction_id, global_position) like $all itself, not by comparing two clocks. The row keeps
 * that event's position; rows from before are filled in from their registration events.
 */
export class WebhookRegisteredPosition1764300000000 implements MigrationInterface {
  name = 'WebhookRegisteredPosition1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhooks ADD COLUMN registered_position bigint');
    await q.query(`
      UPDATE webhooks w SET registered_position = e.global_position
      FROM events e
      WHERE e.stream_id = 'webhook-' || w.webhook_id AND e.event_type = 'WebhookRegistered'`);
    await q.query('ALTER TABLE webhooks ALTER COLUMN registered_position SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhooks DROP COLUMN registered_position');
  }
}
