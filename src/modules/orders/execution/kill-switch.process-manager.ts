import { Injectable } from '@nestjs/common';
import type { KillSwitchTripped } from '../../../domain/risk';
import { DomainError } from '../../../domain/shared/domain-error';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import { ProcessManager } from '../../../infrastructure/event-store/subscription.decorators';
import type { ReactorHandler } from '../../../infrastructure/event-store/subscription.types';
import { OrderPlacement } from '../commands/place-order/order-placement';
import { OrderCommander } from '../order-commander';
import { OrdersRepository } from '../orders.repository';

/**
 * Carries out a tripped kill switch: cancels the orders it named (and any other still open now),
 * and with flatten places the reduce-only market orders that close each position. Idempotent: the
 * cancels are keyed by the event, the closing orders' clientOrderIds derive from it.
 */
@ProcessManager()
@Injectable()
export class KillSwitchProcessManager implements ReactorHandler {
  readonly name = 'kill-switch-executor';
  readonly eventTypes = ['KillSwitchTripped'];

  constructor(
    private readonly commander: OrderCommander,
    private readonly orders: OrdersRepository,
    private readonly placement: OrderPlacement,
  ) {}

  async handle(stored: StoredEvent): Promise<void> {
    const event = stored.data as KillSwitchTripped;
    const open = (await this.orders.openOrders(event.accountId)).map((o) => o.orderId);
    for (const orderId of new Set([...event.cancelOrderIds, ...open])) {
      try {
        await this.commander.run(
          orderId,
          { type: 'CancelOrder', origin: 'kill_switch', at: event.at },
          `kill:${stored.eventId}`,
        );
      } catch (err) {
        if (!(err instanceof DomainError)) throw err; // already final: nothing to cancel
      }
    }
    for (const close of event.closePositions) {
      await this.placement.place(
        {
          accountId: event.accountId,
          clientOrderId: `kill-${stored.eventId.replace(/-/g, '')}-${close.symbol.replace(/[^A-Za-z0-9]/g, '')}`,
          symbol: close.symbol,
          side: close.side,
          type: 'market',
          quantity: close.quantity,
          reduceOnly: true,
        },
        { flatten: true },
      );
    }
  }
}
