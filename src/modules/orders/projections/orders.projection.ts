import { Injectable } from '@nestjs/common';
import { evolveOrderView, type OrderEvent, type OrderView } from '../../../domain/orders';
import { BoundedMap } from '../../../infrastructure/collections/bounded-map';
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

/** Views this process committed last, kept so the next batch of those orders reads nothing back. */
const COMMITTED_VIEWS = 10_000;

/**
 * trading_orders and trading_fills: each batch is folded in memory per order (evolveOrderView) and
 * written with one upsert and one insert, whatever its size; after commit every change goes to the feed.
 * The views start from what this process last committed (only this projection writes the table, and
 * only while it is the active instance), from nothing for an order whose batch begins with its
 * OrderPlaced, and are read from the table otherwise.
 */
@Projection()
@Injectable()
export class OrdersProjection implements ProjectionHandler {
  readonly name = 'trading-orders';
  readonly eventTypes = ORDER_EVENT_TYPES;
  private pending: Change[] = [];
  private readonly committed = new BoundedMap<string, OrderView>(COMMITTED_VIEWS);

  constructor(private readonly feed: TradingFeed) {}

  /** Another instance may have written while this one was not active: nothing kept is trusted. */
  onActive(): void {
    this.committed.clear();
  }

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    this.pending = [];
    if (events.length === 0) return;
    const views = await this.viewsBefore(events, tx);
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

  /** Each order's view before the batch: kept, new (the batch starts with its OrderPlaced) or read. */
  private async viewsBefore(
    events: readonly StoredEvent[],
    tx: SqlClient,
  ): Promise<Map<string, OrderView | null>> {
    const views = new Map<string, OrderView | null>();
    const unknown = new Set<string>();
    for (const stored of events) {
      const e = stored.data as OrderEvent;
      if (views.has(e.orderId) || unknown.has(e.orderId)) continue;
      const kept = this.committed.get(e.orderId);
      if (kept !== undefined) views.set(e.orderId, kept);
      else if (e.type === 'OrderPlaced')
        views.set(e.orderId, null); // an order's first event: no row yet
      else unknown.add(e.orderId);
    }
    if (unknown.size > 0) {
      const { rows } = await tx.query<{ order_id: string; view: OrderView }>(
        'SELECT order_id, view FROM trading_orders WHERE order_id = ANY($1::text[])',
        [[...unknown]],
      );
      for (const r of rows) views.set(r.order_id, r.view);
    }
    return views;
  }

  afterCommit(): void {
    const changes = this.pending;
    this.pending = [];
    for (const c of changes) {
      this.committed.set(c.view.orderId, c.view);
      this.feed.publish('orders', c.view.accountId, {
        kind: 'order',
        eventType: c.eventType,
        position: c.position,
        order: c.view,
      });
    }
  }

  async reset(tx: SqlClient): Promise<void> {
    this.committed.clear();
    await tx.query('DELETE FROM trading_fills');
    await tx.query('DELETE FROM trading_orders');
  }
}
