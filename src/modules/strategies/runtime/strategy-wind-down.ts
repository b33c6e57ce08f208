import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Dec, toWire } from '../../../domain/shared/decimal';
import { DomainError } from '../../../domain/shared/domain-error';
import { CancelOrderCommand, OrderPlacement, OrdersRepository } from '../../orders';

/** The most orders of one account a stop looks through for the run's positions. */
const ORDER_SCAN_LIMIT = 10_000;

export interface WindDownResult {
  cancelledOrderIds: string[];
  closingOrderIds: string[];
  problems: { orderId?: string; symbol?: string; code: string; message: string }[];
}

/**
 * What a stop does to a run's orders: cancels every open one (told apart by the run's client order
 * id prefix), and on request closes the run's net position per symbol (the signed sum of its fills)
 * with reduce-only market orders. Positions opened by hand or by other strategies are left alone.
 */
@Injectable()
export class StrategyWindDown {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly placement: OrderPlacement,
    private readonly commands: CommandBus,
  ) {}

  async windDown(accountId: string, runPrefix: string, closePositions: boolean): Promise<WindDownResult> {
    const result: WindDownResult = { cancelledOrderIds: [], closingOrderIds: [], problems: [] };
    const mine = (await this.orders.openOrders(accountId)).filter((o) =>
      o.clientOrderId.startsWith(runPrefix),
    );
    for (const order of mine) {
      try {
        await this.commands.execute(new CancelOrderCommand(order.orderId));
        result.cancelledOrderIds.push(order.orderId);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        result.problems.push({ orderId: order.orderId, code: err.code, message: err.message });
      }
    }
    if (closePositions) await this.close(accountId, runPrefix, result);
    return result;
  }

  private async close(accountId: string, runPrefix: string, result: WindDownResult): Promise<void> {
    const net = new Map<string, Dec>();
    for (const o of await this.orders.list({ accountId, limit: ORDER_SCAN_LIMIT })) {
      if (!o.clientOrderId.startsWith(runPrefix)) continue;
      const signed = new Dec(o.filled).mul(o.side === 'buy' ? 1 : -1);
      net.set(o.symbol, (net.get(o.symbol) ?? new Dec(0)).plus(signed));
    }
    for (const [symbol, quantity] of net) {
      if (quantity.isZero()) continue;
      try {
        const placed = await this.placement.place({
          accountId,
          clientOrderId: `${runPrefix}close.${symbol.replace(/[^A-Za-z0-9]/g, '')}`,
          symbol,
          side: quantity.isPositive() ? 'sell' : 'buy',
          type: 'market',
          quantity: toWire(quantity.abs()),
          reduceOnly: true,
        });
        result.closingOrderIds.push(placed.order.orderId);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        result.problems.push({ symbol, code: err.code, message: err.message });
      }
    }
  }
}
