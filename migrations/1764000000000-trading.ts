import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5, accounts, orders and risk: the read models (projections of the event store) of accounts,
 * orders, fills, positions and reconciliations, and the loss monitor's equity watermarks (a cache it
 * can rebuild). Decimals are stored as the decimal strings of the events, so they round-trip exactly.
 */
export class Trading1764000000000 implements MigrationInterface {
  name = 'Trading1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trading_accounts (
        account_id          text PRIMARY KEY,
        name                text NOT NULL,
        exchange            text NOT NULL,
        credentials_env     text,
        initial_balances    jsonb NOT NULL,
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL,
        risk_status         text NOT NULL DEFAULT 'ACTIVE',
        risk_policy         jsonb,
        risk_policy_version integer NOT NULL DEFAULT 0,
        risk_policy_set_by  text,
        risk_policy_set_at  timestamptz,
        halt_reason         text,
        halted_at           timestamptz,
        updated_at          timestamptz NOT NULL
      )`);

    // One row per order: the filterable columns, and the whole view the API serves.
    await q.query(`
      CREATE TABLE trading_orders (
        order_id        text PRIMARY KEY,
        account_id      text NOT NULL,
        client_order_id text NOT NULL,
        symbol          text NOT NULL,
        status          text NOT NULL,
        venue_order_id  text,
        expires_at      timestamptz,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        view            jsonb NOT NULL,
        UNIQUE (account_id, client_order_id)
      )`);
    await q.query(
      `CREATE INDEX trading_orders_account_time ON trading_orders (account_id, created_at DESC, order_id DESC)`,
    );
    await q.query(`CREATE INDEX trading_orders_time ON trading_orders (created_at DESC, order_id DESC)`);
    await q.query(
      `CREATE INDEX trading_orders_open ON trading_orders (account_id) WHERE status IN ('new', 'accepted', 'working', 'partially_filled')`,
    );
    await q.query(
      `CREATE INDEX trading_orders_expiring ON trading_orders (expires_at) WHERE expires_at IS NOT NULL AND status IN ('new', 'accepted', 'working', 'partially_filled')`,
    );

    await q.query(`
      CREATE TABLE trading_fills (
        order_id       text NOT NULL,
        fill_id        text NOT NULL,
        account_id     text NOT NULL,
        symbol         text NOT NULL,
        side           text NOT NULL,
        price          text NOT NULL,
        quantity       text NOT NULL,
        fee            text NOT NULL,
        fee_currency   text,
        liquidity      text NOT NULL,
        filled_at      timestamptz NOT NULL,
        event_position bigint NOT NULL,
        PRIMARY KEY (order_id, fill_id)
      )`);
    await q.query(`CREATE INDEX trading_fills_account ON trading_fills (account_id, filled_at)`);

    await q.query(`
      CREATE TABLE trading_positions (
        account_id   text NOT NULL,
        symbol       text NOT NULL,
        quantity     text NOT NULL,
        cost         text NOT NULL,
        realized_pnl text NOT NULL,
        fees         text NOT NULL,
        funding      text NOT NULL,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (account_id, symbol)
      )`);

    await q.query(`
      CREATE TABLE trading_reconciliations (
        account_id    text PRIMARY KEY,
        result        jsonb NOT NULL,
        reconciled_at timestamptz NOT NULL,
        runs          integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE trading_equity_watermarks (
        account_id          text PRIMARY KEY,
        day                 text NOT NULL,
        start_of_day_equity text NOT NULL,
        peak_equity         text NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'trading_equity_watermarks',
      'trading_reconciliations',
      'trading_positions',
      'trading_fills',
      'trading_orders',
      'trading_accounts',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
