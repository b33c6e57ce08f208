import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7, running strategies: the read model of the strategy aggregates (one row each, projected
 * from the `strategy-<id>` streams; signals and routing stay in the event store only), and the lease
 * naming the one process that runs strategies.
 */
export class Strategies1764200000000 implements MigrationInterface {
  name = 'Strategies1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE strategies (
        strategy_id    text PRIMARY KEY,
        name           text NOT NULL,
        strategy       text NOT NULL,
        status         text NOT NULL CHECK (status IN ('registered', 'running', 'stopped')),
        mode           text CHECK (mode IN ('paper', 'live')),
        run            integer NOT NULL DEFAULT 0,
        account_id     text NOT NULL,
        configuration  jsonb NOT NULL,
        last_failure   jsonb,
        last_stop      jsonb,
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX strategies_status ON strategies (status)');
    await q.query('CREATE INDEX strategies_created ON strategies (created_at DESC, strategy_id DESC)');
    // Which process runs the strategies: a lease renewed by its holder, taken over once it expires.
    await q.query(`
      CREATE TABLE strategy_runner_lease (
        name        text PRIMARY KEY,
        owner       text NOT NULL,
        expires_at  timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE strategy_runner_lease');
    await q.query('DROP TABLE strategies');
  }
}
