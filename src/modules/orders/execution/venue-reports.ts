import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { accountDecider, accountStreamId } from '../../../domain/accounts';
import { InvalidOrderTransitionError, type OrderCommand } from '../../../domain/orders';
import { AggregateRepository } from '../../../infrastructure/event-store/aggregate-repository';
import type { VenueFill, VenueFunding, VenueOrder } from '../../../infrastructure/exchanges/trading.types';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { isOrderId } from '../order-ids';
import { OrderCommander } from '../order-commander';
import { OrdersRepository } from '../orders.repository';

export type FillOutcome = 'applied' | 'duplicate' | 'unmatched';

/**
 * Turns what the venue reports (fills, order updates, funding) into commands on our streams. Shared
 * by the live stream consumers and the reconciler, with the same idempotency keys, so a report seen
 * on both paths is recorded once: a fill is keyed by the venue's fill id.
 */
@Injectable()
export class VenueReports {
  private readonly log: Logger;

  constructor(
    private readonly commander: OrderCommander,
    private readonly orders: OrdersRepository,
    private readonly aggregates: AggregateRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'venue-reports' });
  }

  /**
   * Our order for a venue report: we send our order id as the venue's client order id. Unverified,
   * the id is trusted (a command on a stream that does not exist is refused anyway); `verify` also
   * checks that the order exists on this account.
   */
  async orderIdOf(
    accountId: string,
    clientOrderId: string | null,
    venueOrderId: string,
    verify = false,
  ): Promise<string | undefined> {
    if (clientOrderId !== null && isOrderId(clientOrderId)) {
      if (!verify) return clientOrderId;
      const state = await this.commander.load(clientOrderId);
      if (state.status !== 'none' && state.accountId === accountId) return clientOrderId;
    }
    return this.orders.byVenueOrderId(accountId, venueOrderId);
  }

  async fill(accountId: string, fill: VenueFill): Promise<FillOutcome> {
    const orderId = await this.orderIdOf(accountId, fill.clientOrderId, fill.venueOrderId);
    if (orderId === undefined) return 'unmatched';
    const result = await this.commander
      .runKnown(
        orderId,
        {
          type: 'RecordFill',
          fillId: fill.fillId,
          price: fill.price,
          quantity: fill.quantity,
          fee: fill.fee,
          feeCurrency: fill.feeCurrency,
          liquidity: fill.liquidity,
          at: new Date(fill.timestamp).toISOString(),
        },
        `fill:${fill.fillId}`,
      )
      .catch((err: unknown) => {
        if (err instanceof InvalidOrderTransitionError && err.details.status === 'none') return null;
        throw err;
      });
    if (result === null) return 'unmatched';
    return result.events.length > 0 ? 'applied' : 'duplicate';
  }

  /** Returns true when it recorded something (an ack, a cancel, a rejection). */
  async order(accountId: string, report: VenueOrder): Promise<boolean> {
    const orderId = await this.orderIdOf(accountId, report.clientOrderId, report.venueOrderId);
    if (orderId === undefined || this.commander.isSettled(orderId)) return false;
    const r = await this.commander.runReport(orderId, commandsFor(report));
    return r.events.length > 0;
  }

  /** Records the venue's order id (once); false when it was known already. */
  async ack(orderId: string, venueOrderId: string, at: string): Promise<boolean> {
    const r = await this.commander.runAll(orderId, [{ type: 'RecordVenueAck', venueOrderId, at }]);
    return r.events.length > 0;
  }

  async funding(accountId: string, funding: VenueFunding): Promise<boolean> {
    const fundingId = `${funding.symbol}@${funding.timestamp}`;
    const r = await this.aggregates.handle(
      accountStreamId(accountId),
      accountDecider,
      {
        type: 'RecordFunding',
        fundingId,
        symbol: funding.symbol,
        amount: funding.amount,
        rate: funding.rate,
        at: new Date(funding.timestamp).toISOString(),
      },
      { retries: 5, idempotencyKey: `funding:${accountId}:${fundingId}` },
    );
    return r.events.length > 0;
  }
}

/** What a venue order report means for our order, in the order it happened. */
export function commandsFor(report: VenueOrder): OrderCommand[] {
  const at = new Date(report.timestamp).toISOString();
  const ack: OrderCommand = { type: 'RecordVenueAck', venueOrderId: report.venueOrderId, at };
  switch (report.status) {
    case 'open':
    case 'partially_filled':
    case 'filled':
      return [ack];
    case 'cancelled':
    case 'expired':
      return [ack, { type: 'RecordVenueCancel', reason: report.reason ?? report.status, at }];
    case 'rejected':
      return [
        {
          type: 'RejectOrder',
          source: 'venue',
          reason: report.reason ?? 'REJECTED',
          message: `the venue rejected the order${report.reason === null ? '' : `: ${report.reason}`}`,
          at,
        },
      ];
  }
}
