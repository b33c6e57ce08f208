import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  accountDecider,
  accountStreamId,
  type AccountReconciled,
  type Discrepancy,
  type ReconciliationTrigger,
  type Repair,
} from '../../../domain/accounts';
import { Dec, toWire } from '../../../domain/shared/decimal';
import { AggregateRepository } from '../../../infrastructure/event-store/aggregate-repository';
import type { TradingSession } from '../../../infrastructure/exchanges/exchange-adapter.port';
import { SubscriptionsHost } from '../../../infrastructure/event-store/subscriptions-host';
import { requestContext } from '../../../infrastructure/observability/request-context';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { AccountDirectory, PositionsReader, VenueSessions } from '../../accounts';
import { compareBalances } from './balance-check';
import { OrdersRepository } from '../orders.repository';
import { VenueReports } from '../execution/venue-reports';
import { ReconciliationsRepository } from './reconciliations.repository';

/** How far back fills are fetched before the last reconciliation (venues report fills a little late). */
const FILL_LOOKBACK_MS = 10 * 60_000;
/** How long to wait for the positions read model to include the repairs before comparing it. */
const PROJECTION_WAIT_MS = 5_000;

export type ReconciliationResult = Omit<AccountReconciled, 'type'>;

/**
 * Compares the venue (open orders, fills, positions, balances) with our events and read models.
 * Safe repairs only: a fill we missed is applied once (keyed by its fill id), a cancel the venue made
 * is recorded; anything else (an order we do not know, a position that differs) is recorded as a
 * discrepancy for a person, never invented. The result is an AccountReconciled event.
 */
@Injectable()
export class Reconciler {
  private readonly running = new Map<string, Promise<ReconciliationResult>>();
  private readonly log: Logger;

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly sessions: VenueSessions,
    private readonly orders: OrdersRepository,
    private readonly positions: PositionsReader,
    private readonly reports: VenueReports,
    private readonly aggregates: AggregateRepository,
    private readonly reconciliations: ReconciliationsRepository,
    private readonly host: SubscriptionsHost,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'reconciler' });
  }

  /** One reconciliation per account at a time: a second request joins the running one. */
  reconcile(accountId: string, trigger: ReconciliationTrigger): Promise<ReconciliationResult> {
    const running = this.running.get(accountId);
    if (running !== undefined) return running;
    const run = requestContext
      .run(
        {
          requestId: requestContext.current()?.requestId ?? null,
          correlationId: requestContext.current()?.correlationId ?? randomUUID(),
          causationId: null,
          actor: 'system:reconciler',
        },
        () => this.run(accountId, trigger),
      )
      .finally(() => this.running.delete(accountId));
    this.running.set(accountId, run);
    return run;
  }

  private async run(accountId: string, trigger: ReconciliationTrigger): Promise<ReconciliationResult> {
    const account = await this.accounts.identity(accountId);
    const session = await this.sessions.forAccount(accountId);
    const discrepancies: Discrepancy[] = [];
    const repairs: Repair[] = [];
    const last = await this.reconciliations.lastAt(accountId);
    const since = Math.max(Date.parse(account.createdAt), (last ?? 0) - FILL_LOOKBACK_MS) - FILL_LOOKBACK_MS;

    const fills = await session.fetchFills({ since });
    const known = await this.orders.knownFillIds(
      accountId,
      fills.map((f) => f.fillId),
    );
    for (const fill of fills) {
      if (known.has(fill.fillId)) continue;
      const outcome = await this.reports.fill(accountId, fill);
      if (outcome === 'applied')
        repairs.push({
          kind: 'missed_fill_applied',
          subject: fill.fillId,
          details: {
            venueOrderId: fill.venueOrderId,
            symbol: fill.symbol,
            side: fill.side,
            price: fill.price,
            quantity: fill.quantity,
          },
        });
      else if (outcome === 'unmatched')
        discrepancies.push({
          kind: 'fill_unmatched',
          subject: fill.fillId,
          ours: null,
          venue: `${fill.side} ${fill.quantity} ${fill.symbol} @ ${fill.price}`,
          message: 'a fill of an order we did not place',
        });
    }

    const openOrders = await this.compareOrders(accountId, session, discrepancies, repairs);
    await this.waitForProjections(); // the repairs, and fills the streams just recorded
    const positionCount = await this.comparePositions(accountId, session, discrepancies);
    discrepancies.push(...(await compareBalances(await this.positions.balances(accountId), session)));

    const result = {
      trigger,
      discrepancies,
      repairs,
      checked: { openOrders, positions: positionCount, fills: fills.length },
      at: new Date().toISOString(),
    };
    await this.aggregates.handle(
      accountStreamId(accountId),
      accountDecider,
      { type: 'RecordReconciliation', result },
      { retries: 5 },
    );
    if (discrepancies.length > 0 || repairs.length > 0)
      this.log.info(
        { accountId, trigger, discrepancies: discrepancies.length, repairs: repairs.length },
        'reconciled',
      );
    return { accountId, ...result };
  }

  private async compareOrders(
    accountId: string,
    session: TradingSession,
    discrepancies: Discrepancy[],
    repairs: Repair[],
  ): Promise<number> {
    const venueOpen = await session.fetchOpenOrders();
    const ours = await this.orders.openOrders(accountId);
    const oursByVenueId = new Map(
      ours.filter((o) => o.venueOrderId !== null).map((o) => [o.venueOrderId, o]),
    );
    for (const v of venueOpen) {
      const mine = oursByVenueId.get(v.venueOrderId);
      if (mine !== undefined) continue;
      const orderId = await this.reports.orderIdOf(accountId, v.clientOrderId, v.venueOrderId, true);
      if (orderId === undefined) {
        discrepancies.push({
          kind: 'order_unknown_to_us',
          subject: v.venueOrderId,
          ours: null,
          venue: v.status,
          message: `an open ${v.side} ${v.quantity} ${v.symbol} order we did not place`,
        });
        continue;
      }
      if (await this.reports.ack(orderId, v.venueOrderId, new Date(v.timestamp).toISOString())) continue;
      const view = await this.orders.view(orderId);
      if (view !== undefined && !['new', 'accepted', 'working', 'partially_filled'].includes(view.status))
        discrepancies.push({
          kind: 'order_status_mismatch',
          subject: orderId,
          ours: view.status,
          venue: v.status,
          message: 'open at the venue, final here',
        });
    }
    const venueIds = new Set(venueOpen.map((v) => v.venueOrderId));
    for (const o of ours) {
      if (o.venueOrderId === null || venueIds.has(o.venueOrderId)) continue; // not sent yet, or open on both sides
      const report = await session.fetchOrder(o.venueOrderId, o.symbol).catch(() => null);
      if (
        report !== null &&
        (report.status === 'cancelled' || report.status === 'expired' || report.status === 'rejected')
      ) {
        if (await this.reports.order(accountId, report)) {
          repairs.push({
            kind: 'venue_cancel_applied',
            subject: o.orderId,
            details: { venueOrderId: o.venueOrderId, status: report.status },
          });
          continue;
        }
      }
      if (report !== null && report.status === 'filled') continue; // its fills were applied above
      discrepancies.push({
        kind: 'order_not_open_at_venue',
        subject: o.orderId,
        ours: o.status,
        venue: report?.status ?? 'unknown',
        message: 'open here, not open at the venue',
      });
    }
    return venueOpen.length;
  }

  private async comparePositions(
    accountId: string,
    session: TradingSession,
    discrepancies: Discrepancy[],
  ): Promise<number> {
    const venue = await session.fetchPositions();
    const ours = await this.positions.records(accountId);
    const symbols = new Set([...venue.map((p) => p.symbol), ...ours.map((p) => p.symbol)]);
    for (const symbol of symbols) {
      const v = new Dec(venue.find((p) => p.symbol === symbol)?.quantity ?? '0');
      const o = ours.find((p) => p.symbol === symbol)?.quantity ?? new Dec(0);
      if (!v.eq(o))
        discrepancies.push({
          kind: 'position_mismatch',
          subject: symbol,
          ours: toWire(o),
          venue: toWire(v),
          message: 'position quantities differ',
        });
    }
    return venue.length;
  }

  /** The read models are a subscription behind the repairs just appended: let them catch up first. */
  private async waitForProjections(): Promise<void> {
    const deadline = Date.now() + PROJECTION_WAIT_MS;
    const target = await this.reconciliations.headPosition();
    while (Date.now() < deadline) {
      const behind = this.host
        .statuses()
        .filter(
          (s) =>
            (s.name === 'trading-positions' || s.name === 'trading-orders') &&
            s.active &&
            s.position < target,
        );
      if (behind.length === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
