import { Injectable } from '@nestjs/common';
import type { FundingRecorded } from '../../../domain/accounts';
import type { OrderFilled, OrderPartiallyFilled } from '../../../domain/orders';
import {
  applyFunding,
  applyOrderFill,
  flatPosition,
  positionFromRecord,
  positionToRecord,
  type Position,
  type PositionRecord,
} from '../../../domain/positions';
import { Dec } from '../../../domain/shared/decimal';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../../infrastructure/event-store/sql-client';
import { Projection } from '../../../infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler } from '../../../infrastructure/event-store/subscription.types';
import { TradingFeed } from '../feed/trading-feed';

type Handled = OrderPartiallyFilled | OrderFilled | FundingRecorded;

interface Touched {
  accountId: string;
  position: Position;
  eventType: string;
  eventPosition: string;
  at: string;
}

/**
 * trading_positions: each account's position per symbol folded from its fills and funding with the
 * pure position maths (src/domain/positions). A batch is folded in memory and written in one statement.
 */
@Projection()
@Injectable()
export class PositionsProjection implements ProjectionHandler {
  readonly name = 'trading-positions';
  readonly eventTypes = ['OrderPartiallyFilled', 'OrderFilled', 'FundingRecorded'];
  private pending: Touched[] = [];

  constructor(private readonly feed: TradingFeed) {}

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    this.pending = [];
    if (events.length === 0) return;
    const keys = new Map(events.map((e) => [keyOf(e.data as Handled), e.data as Handled]));
    const { rows } = await tx.query<PositionRecord & { account_id: string }>(
      `SELECT p.account_id, p.symbol, p.quantity, p.cost, p.realized_pnl AS "realizedPnl", p.fees, p.funding
       FROM trading_positions p JOIN unnest($1::text[], $2::text[]) AS k(account_id, symbol)
         ON p.account_id = k.account_id AND p.symbol = k.symbol`,
      [[...keys.values()].map((e) => e.accountId), [...keys.values()].map((e) => e.symbol)],
    );
    const positions = new Map<string, Touched>();
    for (const r of rows) {
      positions.set(`${r.account_id}\u0000${r.symbol}`, {
        accountId: r.account_id,
        position: positionFromRecord(r),
        eventType: '',
        eventPosition: '0',
        at: '',
      });
    }
    for (const stored of events) {
      const e = stored.data as Handled;
      const key = keyOf(e);
      const current = positions.get(key)?.position ?? flatPosition(e.symbol);
      const next =
        e.type === 'FundingRecorded'
          ? applyFunding(current, new Dec(e.amount))
          : applyOrderFill(current, e).position;
      positions.set(key, {
        accountId: e.accountId,
        position: next,
        eventType: e.type,
        eventPosition: stored.position.toString(),
        at: e.at,
      });
    }
    const touched = [...positions.values()].filter((t) => t.eventType !== '');
    const records = touched.map((t) => positionToRecord(t.position));
    await tx.query(
      `INSERT INTO trading_positions (account_id, symbol, quantity, cost, realized_pnl, fees, funding, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       ON CONFLICT (account_id, symbol) DO UPDATE SET quantity = EXCLUDED.quantity, cost = EXCLUDED.cost,
         realized_pnl = EXCLUDED.realized_pnl, fees = EXCLUDED.fees, funding = EXCLUDED.funding, updated_at = EXCLUDED.updated_at`,
      [
        touched.map((t) => t.accountId),
        records.map((r) => r.symbol),
        records.map((r) => r.quantity),
        records.map((r) => r.cost),
        records.map((r) => r.realizedPnl),
        records.map((r) => r.fees),
        records.map((r) => r.funding),
        touched.map((t) => t.at),
      ],
    );
    this.pending = touched;
  }

  afterCommit(): void {
    const done = this.pending;
    this.pending = [];
    for (const t of done) {
      this.feed.publish('positions', t.accountId, {
        kind: 'position',
        eventType: t.eventType,
        position: t.eventPosition,
        accountId: t.accountId,
        record: positionToRecord(t.position),
      });
    }
  }

  async reset(tx: SqlClient): Promise<void> {
    await tx.query('DELETE FROM trading_positions');
  }
}

function keyOf(e: Handled): string {
  return `${e.accountId}\u0000${e.symbol}`;
}
