import { Inject, Injectable } from '@nestjs/common';
import type { OrderView } from '../../domain/orders';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';

export interface FillRow {
  fillId: string;
  price: string;
  quantity: string;
  fee: string;
  feeCurrency: string | null;
  liquidity: string;
  at: string;
}

export interface OrderFilter {
  accountId?: string;
  statuses?: readonly string[];
  symbol?: string;
  from?: string;
  to?: string;
  /** Orders created strictly before this (createdAt, orderId) in the listing order. */
  after?: { createdAt: string; orderId: string };
  limit: number;
}

export const OPEN_STATUSES = ['new', 'accepted', 'working', 'partially_filled'] as const;

/**
 * `status IN (...)` with the open statuses written out, as in the partial indexes' predicates
 * (trading_orders_open, trading_orders_expiring): with `= ANY($n)` PostgreSQL cannot prove that a
 * query wants only rows those indexes hold, and reads every order of the account instead.
 */
export const OPEN_STATUS_SQL = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** The orders and fills read models (trading_orders, trading_fills). */
@Injectable()
export class OrdersRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async view(orderId: string): Promise<OrderView | undefined> {
    const { rows } = await this.pool.query<{ view: OrderView }>(
      'SELECT view FROM trading_orders WHERE order_id = $1',
      [orderId],
    );
    return rows[0]?.view;
  }

  async fills(orderId: string): Promise<FillRow[]> {
    const { rows } = await this.pool.query<FillRow & { filled_at: Date }>(
      `SELECT fill_id AS "fillId", price, quantity, fee, fee_currency AS "feeCurrency", liquidity, filled_at
       FROM trading_fills WHERE order_id = $1 ORDER BY event_position`,
      [orderId],
    );
    return rows.map(({ filled_at, ...r }) => ({ ...r, at: filled_at.toISOString() }));
  }

  async list(f: OrderFilter): Promise<OrderView[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (f.accountId !== undefined) where.push(`account_id = ${param(f.accountId)}`);
    if (f.statuses !== undefined) where.push(`status = ANY(${param(f.statuses)}::text[])`);
    if (f.symbol !== undefined) where.push(`symbol = ${param(f.symbol)}`);
    if (f.from !== undefined) where.push(`created_at >= ${param(f.from)}`);
    if (f.to !== undefined) where.push(`created_at < ${param(f.to)}`);
    if (f.after !== undefined)
      where.push(
        `(created_at, order_id) < (${param(f.after.createdAt)}::timestamptz, ${param(f.after.orderId)})`,
      );
    const { rows } = await this.pool.query<{ view: OrderView }>(
      `SELECT view FROM trading_orders ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
       ORDER BY created_at DESC, order_id DESC LIMIT ${param(f.limit)}`,
      values,
    );
    return rows.map((r) => r.view);
  }

  async openOrders(accountId: string): Promise<OrderView[]> {
    const { rows } = await this.pool.query<{ view: OrderView }>(
      `SELECT view FROM trading_orders WHERE account_id = $1 AND ${OPEN_STATUS_SQL} ORDER BY created_at`,
      [accountId],
    );
    return rows.map((r) => r.view);
  }

  async byVenueOrderId(accountId: string, venueOrderId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ order_id: string }>(
      'SELECT order_id FROM trading_orders WHERE account_id = $1 AND venue_order_id = $2',
      [accountId, venueOrderId],
    );
    return rows[0]?.order_id;
  }

  async knownFillIds(accountId: string, fillIds: readonly string[]): Promise<Set<string>> {
    if (fillIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ fill_id: string }>(
      'SELECT fill_id FROM trading_fills WHERE account_id = $1 AND fill_id = ANY($2::text[])',
      [accountId, fillIds],
    );
    return new Set(rows.map((r) => r.fill_id));
  }

  async expiredOpenOrders(now: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ order_id: string }>(
      `SELECT order_id FROM trading_orders WHERE expires_at IS NOT NULL AND expires_at <= $1
         AND ${OPEN_STATUS_SQL} ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.order_id);
  }
}
