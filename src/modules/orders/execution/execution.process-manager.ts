import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AccountOpened } from '../../../domain/accounts';
import { InvalidOrderTransitionError, type OrderEvent, type OrderState } from '../../../domain/orders';
import { toWire } from '../../../domain/shared/decimal';
import { DomainError } from '../../../domain/shared/domain-error';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import { ProcessManager } from '../../../infrastructure/event-store/subscription.decorators';
import type { ReactorHandler } from '../../../infrastructure/event-store/subscription.types';
import type { VenueOrderRequest } from '../../../infrastructure/exchanges/trading.types';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { VenueSessions } from '../../accounts';
import type { AccountRiskEvent } from '../../../domain/risk';
import { AccountRiskStore } from '../../risk';
import { OrderCommander } from '../order-commander';
import { BracketOrders } from './bracket-orders';
import { commandsFor } from './venue-reports';
import { ACCOUNT_RISK_EVENT_TYPES, RiskAsHandled } from './risk-as-handled';
import { VenueStreams } from './venue-streams';

type Handled = OrderEvent | AccountOpened | AccountRiskEvent;

/** Venue errors that are the venue's final word on a request (not an outage to retry). */
function isVenueRefusal(err: unknown): err is DomainError {
  return (
    err instanceof DomainError &&
    (err.kind === 'validation' || err.kind === 'refused' || err.kind === 'not_found')
  );
}

/**
 * Execution: sends accepted orders, cancels and amends to the account's venue and records what it
 * answers. Fills and venue-side cancels arrive on the venue streams (VenueStreams). Every command
 * carries an idempotency key from the causing event, so a redelivered event records nothing twice;
 * a venue outage throws, and the subscription retries the event with backoff.
 */
@ProcessManager()
@Injectable()
export class ExecutionProcessManager implements ReactorHandler {
  readonly name = 'order-execution';
  readonly eventTypes = [
    'AccountOpened',
    'OrderAccepted',
    'OrderCancelRequested',
    'OrderAmendRequested',
    'OrderExpired',
    'OrderPartiallyFilled',
    'OrderFilled',
    'BracketArmed',
    'BracketResized',
    'BracketLegTriggered',
    ...ACCOUNT_RISK_EVENT_TYPES,
  ];
  private readonly log: Logger;
  private risk: RiskAsHandled;

  constructor(
    private readonly commander: OrderCommander,
    private readonly sessions: VenueSessions,
    private readonly streams: VenueStreams,
    private readonly riskStore: AccountRiskStore,
    private readonly brackets: BracketOrders,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'order-execution' });
    this.risk = new RiskAsHandled(riskStore);
  }

  /**
   * Orders go out side by side: sending, cancelling, amending and expiring one order waits only for
   * the earlier steps of that order, not for every other order's venue round trip. The rest (account
   * and risk events, fills, which may act on a bracket's other legs) run alone, in $all order, so an
   * order accepted after a halt is handled after it.
   */
  orderingKey(stored: StoredEvent): string | undefined {
    switch (stored.type) {
      case 'OrderAccepted':
      case 'OrderCancelRequested':
      case 'OrderAmendRequested':
      case 'OrderExpired':
        return (stored.data as OrderEvent).orderId;
      default:
        return undefined;
    }
  }

  /** Active again after another instance was: the risk events it handled never reached this one. */
  onActive(): void {
    this.risk = new RiskAsHandled(this.riskStore);
  }

  async handle(stored: StoredEvent): Promise<void> {
    const event = stored.data as Handled;
    try {
      await this.dispatch(event, stored);
    } catch (err) {
      // A command the order no longer allows (a race with the venue streams): nothing left to do.
      if (err instanceof InvalidOrderTransitionError) {
        this.log.debug({ err, type: event.type }, 'execution step no longer applies');
        return;
      }
      throw err;
    }
  }

  private async dispatch(event: Handled, stored: StoredEvent): Promise<void> {
    const { eventId, streamVersion } = stored;
    switch (event.type) {
      case 'AccountOpened':
        await this.streams.ensure(event.accountId);
        return;
      case 'OrderAccepted':
        return this.send(event.orderId, eventId, streamVersion);
      case 'OrderCancelRequested':
        return this.cancelAtVenue(event.orderId, eventId, streamVersion);
      case 'OrderAmendRequested':
        return this.amendAtVenue(event.orderId, eventId, streamVersion);
      case 'OrderExpired':
        return this.cancelAtVenue(event.orderId, eventId, streamVersion);
      case 'OrderPartiallyFilled':
      case 'OrderFilled':
        return this.brackets.childFilled(event.orderId, eventId);
      case 'BracketArmed':
        return this.brackets.arm(event);
      case 'BracketResized':
        return this.brackets.resize(event, eventId);
      case 'BracketLegTriggered':
        return this.brackets.cancelSibling(event, eventId);
      case 'OrderPlaced':
      case 'OrderRejected':
      case 'OrderWorking':
      case 'OrderAmended':
      case 'OrderAmendRejected':
      case 'OrderCancelled':
        return; // nothing to send: these record what already happened
      case 'RiskPolicySet':
      case 'AccountRiskModeChanged':
      case 'KillSwitchTripped':
      case 'KillSwitchRearmed':
        this.risk.apply(stored);
        return;
    }
  }

  private async send(orderId: string, eventId: string, version: bigint): Promise<void> {
    const loaded = await this.commander.loadAtLeast(orderId, version);
    const { state } = loaded;
    if (state.status !== 'accepted' || state.venueOrderId !== null) return;
    const at = () => new Date().toISOString();
    // The kill switch may have tripped before the order was accepted: only reducing orders go out.
    // The risk state as of this event, not the placement's reused read: a halt made on another
    // instance stops the order here, though the placement may have passed on a read 250 ms old.
    const risk = await this.risk.state(state.accountId);
    if (risk.status === 'HALTED' && !state.reduceOnly) {
      await this.commander.run(
        orderId,
        { type: 'CancelOrder', origin: 'kill_switch', at: at() },
        `halt:${eventId}`,
      );
      await this.commander.run(
        orderId,
        { type: 'RecordVenueCancel', reason: 'account halted before sending', at: at() },
        `halt-cancel:${eventId}`,
      );
      return;
    }
    const session = await this.sessions.forAccount(state.accountId);
    let report;
    try {
      report = await session.createOrder(toVenueRequest(state));
    } catch (err) {
      if (!isVenueRefusal(err)) throw err;
      const reason = typeof err.details.reason === 'string' ? err.details.reason : err.code;
      await this.commander.run(
        orderId,
        {
          type: 'RejectOrder',
          source: 'venue',
          reason,
          message: err.message,
          details: { code: err.code },
          at: at(),
        },
        `venue-reject:${eventId}`,
      );
      return;
    }
    const recorded = await this.commander.runAllFrom(orderId, loaded, commandsFor(report));
    // A cancel asked while the order was on its way: it can go out now that the venue knows the order.
    if (recorded.state.cancelRequested && recorded.state.venueOrderId !== null)
      await this.cancelAtVenue(orderId, eventId, recorded.version);
  }

  private async cancelAtVenue(orderId: string, eventId: string, version: bigint): Promise<void> {
    const { state } = await this.commander.loadAtLeast(orderId, version);
    if (state.venueOrderId === null) return; // not sent yet: send() cancels after the ack
    if (state.status === 'filled' || state.status === 'rejected') return;
    const session = await this.sessions.forAccount(state.accountId);
    try {
      const report = await session.cancelOrder(state.venueOrderId, state.symbol);
      if (report.status === 'cancelled' || report.status === 'expired') {
        await this.commander.run(orderId, {
          type: 'RecordVenueCancel',
          reason: state.status === 'expired' ? 'expired' : 'cancelled',
          at: new Date().toISOString(),
        });
      }
    } catch (err) {
      // Already gone at the venue (filled, cancelled): its streams or reconciliation tell us how.
      if (!isVenueRefusal(err)) throw err;
      this.log.debug({ err, orderId, eventId }, 'venue refused the cancel');
    }
  }

  private async amendAtVenue(orderId: string, eventId: string, version: bigint): Promise<void> {
    const { state } = await this.commander.loadAtLeast(orderId, version);
    const pending = state.pendingAmend;
    if (pending === null || state.venueOrderId === null) return;
    const session = await this.sessions.forAccount(state.accountId);
    const at = new Date().toISOString();
    try {
      await session.amendOrder(state.venueOrderId, state.symbol, {
        ...(pending.price === null ? {} : { price: toWire(pending.price) }),
        ...(pending.quantity === null ? {} : { quantity: toWire(pending.quantity) }),
      });
      await this.commander.run(orderId, { type: 'RecordVenueAmend', at }, `amend:${eventId}`);
    } catch (err) {
      if (!isVenueRefusal(err)) throw err;
      await this.commander.run(
        orderId,
        { type: 'RecordVenueAmendRejected', reason: err.message, at },
        `amend:${eventId}`,
      );
    }
  }
}

function toVenueRequest(state: OrderState): VenueOrderRequest {
  return {
    clientOrderId: state.orderId,
    symbol: state.symbol,
    side: state.side,
    type: state.orderType,
    quantity: toWire(state.quantity),
    ...(state.price === null ? {} : { price: toWire(state.price) }),
    ...(state.triggerPrice === null ? {} : { triggerPrice: toWire(state.triggerPrice) }),
    // Good-till-date is ours: the venue holds it as good-till-cancel and our scheduler expires it.
    timeInForce: state.timeInForce === 'gtd' ? 'gtc' : state.timeInForce,
    reduceOnly: state.reduceOnly,
  };
}
