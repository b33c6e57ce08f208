import { Injectable } from '@nestjs/common';
import type {
  BracketArmed,
  BracketLeg,
  BracketLegSpec,
  BracketLegTriggered,
  BracketResized,
  OrderType,
} from '../../../domain/orders';
import { DomainError } from '../../../domain/shared/domain-error';
import { AccountDirectory, MarketInfo } from '../../accounts';
import { OrderPlacement, childClientOrderId } from '../commands/place-order/order-placement';
import { OrderCommander } from '../order-commander';

/**
 * Take-profit / stop-loss brackets: when the entry fills the children go out reduce-only for the
 * filled quantity; later fills resize them; the first child to fill cancels the other (OCO).
 */
@Injectable()
export class BracketOrders {
  constructor(
    private readonly commander: OrderCommander,
    private readonly placement: OrderPlacement,
    private readonly accounts: AccountDirectory,
    private readonly markets: MarketInfo,
  ) {}

  async arm(event: BracketArmed): Promise<void> {
    const entry = await this.commander.load(event.orderId);
    const legs: [BracketLeg, BracketLegSpec | null][] = [
      ['take_profit', event.takeProfit],
      ['stop_loss', event.stopLoss],
    ];
    for (const [leg, spec] of legs) {
      if (spec === null) continue;
      const type: OrderType =
        leg === 'take_profit'
          ? spec.price === null
            ? 'take_profit_market'
            : 'take_profit_limit'
          : spec.price === null
            ? 'stop_market'
            : 'stop_limit';
      // The child's id derives from the entry's clientOrderId: arming twice places it once.
      await this.placement.place(
        {
          accountId: event.accountId,
          clientOrderId: childClientOrderId(entry.clientOrderId, leg),
          symbol: event.symbol,
          side: event.side,
          type,
          quantity: event.quantity,
          price: spec.price,
          triggerPrice: spec.triggerPrice,
          reduceOnly: true,
          parent: { orderId: event.orderId, leg },
        },
        { flatten: true },
      );
    }
  }

  async resize(event: BracketResized, eventId: string): Promise<void> {
    const entry = await this.commander.load(event.orderId);
    const account = await this.accounts.identity(event.accountId);
    const instrument = await this.markets.instrument(account.exchange, event.symbol);
    for (const spec of [entry.bracket?.takeProfit, entry.bracket?.stopLoss]) {
      if (spec === undefined || spec === null) continue;
      await this.ignoringRefusals(async () => {
        const child = await this.commander.load(spec.childOrderId);
        if (child.status === 'none') return;
        await this.commander.run(
          spec.childOrderId,
          {
            type: 'AmendOrder',
            quantity: event.quantity,
            instrument,
            at: event.at,
          },
          `resize:${eventId}:${spec.childOrderId}`,
        );
      });
    }
  }

  /** A bracket child filled: tell its entry, which names the sibling to cancel (BracketLegTriggered). */
  async childFilled(orderId: string, eventId: string): Promise<void> {
    // Any state of the order names its parent (set when it was placed): no need to read the latest.
    const { parent } = (await this.commander.loadAtLeast(orderId, 1n)).state;
    if (parent === null) return;
    await this.ignoringRefusals(() =>
      this.commander.run(
        parent.orderId,
        { type: 'RecordBracketLegFill', leg: parent.leg, at: new Date().toISOString() },
        `leg-fill:${eventId}`,
      ),
    );
  }

  async cancelSibling(event: BracketLegTriggered, eventId: string): Promise<void> {
    if (event.cancelChildOrderId === null) return;
    const sibling = event.cancelChildOrderId;
    await this.ignoringRefusals(() =>
      this.commander.run(sibling, { type: 'CancelOrder', origin: 'oco', at: event.at }, `oco:${eventId}`),
    );
  }

  private async ignoringRefusals(step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
}
