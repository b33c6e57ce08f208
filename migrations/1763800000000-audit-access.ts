import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 6, audit and access: API key credentials, the audit trail's filter indexes, webhook
 * endpoints and their delivery queue and log.
 */
export class AuditAccess1763800000000 implements MigrationInterface {
  name = 'AuditAccess1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // The facts (ApiKeyCreated/Revoked) are events; the hash lives here, written by the command,
    // so that neither the secret nor its hash ever enters the append-only, exported event store.
    await q.query(`
      CREATE TABLE api_key_credentials (
        key_id      text PRIMARY KEY,
        prefix      text NOT NULL UNIQUE,
        name        text NOT NULL,
        role        text NOT NULL,
        salt        bytea NOT NULL,
        hash        bytea NOT NULL,
        origin      text NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL,
        revoked_at  timestamptz
      )`);

    // Audit filters: correlation and actor are looked up by equality, time by range.
    await q.query(`CREATE INDEX events_correlation_id ON events ((metadata->>'correlationId'))`);
    await q.query(`CREATE INDEX events_actor_position ON events ((metadata->>'actor'), global_position)`);
    await q.query(`CREATE INDEX events_occurred_at ON events (occurred_at)`);

    await q.query(`
      CREATE TABLE webhooks (
        webhook_id  text PRIMARY KEY,
        url         text NOT NULL,
        event_types text[] NOT NULL,
        secret      text NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL,
        removed_at  timestamptz
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        delivery_id      uuid PRIMARY KEY,
        webhook_id       text NOT NULL REFERENCES webhooks (webhook_id),
        event_id         uuid NOT NULL,
        event_position   bigint NOT NULL,
        event_type       text NOT NULL,
        status           text NOT NULL DEFAULT 'pending',
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_status_code integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        UNIQUE (webhook_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        delivery_id  uuid NOT NULL REFERENCES webhook_deliveries (delivery_id),
        attempt      integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        status_code  integer,
        error        text,
        duration_ms  integer NOT NULL,
        PRIMARY KEY (delivery_id, attempted_at, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempts, webhook_deliveries, webhooks`);
    await q.query(`DROP INDEX events_correlation_id, events_actor_position, events_occurred_at`);
    await q.query(`DROP TABLE api_key_credentials`);
  }
}
