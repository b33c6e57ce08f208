import { Injectable } from '@nestjs/common';
import { evolveOrderView, type OrderEvent, type OrderView } from '../../../domain/orders';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../../infrastructure/event-store/sql-client';
import { Projection } from '../../../infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler } from '../../../infrastructure/event-store/subscription.types';
import { TradingFeed } from '../../accounts';

export const ORDER_EVENT_TYPES: readonly OrderEvent['type'][] = [
  'OrderPlaced',
  'OrderAccepted',
  'OrderRejected',
  'OrderWorking',
  'OrderPartiallyFilled',
  'OrderFilled',
  'OrderAmendRequested',
  'OrderAmended',
  'OrderAmendRejected',
  'OrderCancelRequested',
  'OrderCancelled',
  'OrderExpired',
  'BracketArmed',
  'BracketResized',
  'BracketLegTriggered',
];

interface Change {
  view: OrderView;
  eventType: string;
  position: string;
}

/**
 * trading_orders and trading_fills: each batch is folded in memory per order (evolveOrderView) and
 * written with one upsert and one insert, whatever its size; after commit every change goes to the feed.
 */
@Projection()
@Injectable()
export class OrdersProjection implements ProjectionHandler {
  readonly name = 'trading-orders';
  readonly eventTypes = ORDER_EVENT_TYPES;
  private pending: Change[] = [];

  constructor(private readonly feed: TradingFeed) {}

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    this.pending = [];
    if (events.length === 0) return;
    const ids = [...new Set(events.map((e) => (e.data as OrderEvent).orderId))];
    const { rows } = await tx.query<{ order_id: string; view: OrderView }>(
      'SELECT order_id, view FROM trading_orders WHERE order_id = ANY($1::text[])',
      [ids],
    );
    const views = new Map<string, OrderView | null>(rows.map((r) => [r.order_id, r.view]));
    const changes: Change[] = [];
    const fills: StoredEvent[] = [];
    for (const stored of events) {
      const e = stored.data as OrderEvent;
      const next = evolveOrderView(views.get(e.orderId) ?? null, e);
      views.set(e.orderId, next);
      if (next !== null)
        changes.push({ view: next, eventType: e.type, position: stored.position.toString() });
      if (e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled') fills.push(stored);
    }
    const touched = [...views.values()].filter((v): v is OrderView => v !== null);
    await tx.query(
      `INSERT INTO trading_orders (order_id, account_id, client_order_id, symbol, status, venue_order_id, expires_at, created_at, updated_at, view)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::jsonb[])
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, venue_order_id = EXCLUDED.venue_order_id,
         updated_at = EXCLUDED.updated_at, view = EXCLUDED.view`,
      [
        touched.map((v) => v.orderId),
        touched.map((v) => v.accountId),
        touched.map((v) => v.clientOrderId),
        touched.map((v) => v.symbol),
        touched.map((v) => v.status),
        touched.map((v) => v.venueOrderId),
        touched.map((v) => v.expiresAt),
        touched.map((v) => v.createdAt),
        touched.map((v) => v.updatedAt),
        touched.map((v) => JSON.stringify(v)),
      ],
    );
    if (fills.length > 0) await this.insertFills(fills, tx);
    this.pending = changes;
  }

  private async insertFills(fills: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    const data = fills.map(
      (s) => s.data as Extract<OrderEvent, { type: 'OrderFilled' | 'OrderPartiallyFilled' }>,
    );
    await tx.query(
      `INSERT INTO trading_fills (order_id, fill_id, account_id, symbol, side, price, quantity, fee, fee_currency, liquidity, filled_at, event_position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::bigint[])
       ON CONFLICT (order_id, fill_id) DO NOTHING`,
      [
        data.map((f) => f.orderId),
        data.map((f) => f.fillId),
        data.map((f) => f.accountId),
        data.map((f) => f.symbol),
        data.map((f) => f.side),
        data.map((f) => f.price),
        data.map((f) => f.quantity),
        data.map((f) => f.fee),
        data.map((f) => f.feeCurrency),
        data.map((f) => f.liquidity),
        data.map((f) => f.at),
        fills.map((s) => s.position.toString()),
      ],
    );
  }

  afterCommit(): void {
    const changes = this.pending;
    this.pending = [];
    for (const c of changes) {
      this.feed.publish('orders', c.view.accountId, {
        kind: 'order',
        eventType: c.eventType,
        position: c.position,
        order: c.view,
      });
    }
  }

  async reset(tx: SqlClient): Promise<void> {
    await tx.query('DELETE FROM trading_fills');
    await tx.query('DELETE FROM trading_orders');
  }
}
