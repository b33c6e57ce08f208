import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../domain/shared/domain-error';
import { toWire } from '../../../../domain/shared/decimal';
import { AccountDirectory, PositionsReader } from '../../../accounts';
import { OrderCommander } from '../../order-commander';
import { OrdersRepository } from '../../orders.repository';
import { OrderPlacement } from '../place-order/order-placement';
import {
  CancelAllOrdersCommand,
  CloseAllPositionsCommand,
  type BulkResultDto,
} from './account-orders.command';

@CommandHandler(CancelAllOrdersCommand)
export class CancelAllOrdersHandler implements ICommandHandler<CancelAllOrdersCommand> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly orders: OrdersRepository,
    private readonly commander: OrderCommander,
  ) {}

  async execute({ accountId }: CancelAllOrdersCommand): Promise<BulkResultDto> {
    await this.accounts.get(accountId);
    const result: BulkResultDto = { accountId, orderIds: [], skipped: [] };
    const at = new Date().toISOString();
    for (const order of await this.orders.openOrders(accountId)) {
      try {
        await this.commander.run(order.orderId, { type: 'CancelOrder', origin: 'user', at });
        result.orderIds.push(order.orderId);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        result.skipped.push({ orderId: order.orderId, reason: err.code });
      }
    }
    return result;
  }
}

/** Reduce-only market orders closing every position (allowed while HALTED: they only reduce). */
@CommandHandler(CloseAllPositionsCommand)
export class CloseAllPositionsHandler implements ICommandHandler<CloseAllPositionsCommand> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly positions: PositionsReader,
    private readonly placement: OrderPlacement,
  ) {}

  async execute({ accountId, requestKey }: CloseAllPositionsCommand): Promise<BulkResultDto> {
    await this.accounts.get(accountId);
    const result: BulkResultDto = { accountId, orderIds: [], skipped: [] };
    for (const p of await this.positions.records(accountId)) {
      if (p.quantity.isZero()) continue;
      const placed = await this.placement.place(
        {
          accountId,
          clientOrderId: `close-${requestKey}-${p.symbol.replace(/[^A-Za-z0-9]/g, '')}`,
          symbol: p.symbol,
          side: p.quantity.isPositive() ? 'sell' : 'buy',
          type: 'market',
          quantity: toWire(p.quantity.abs()),
          reduceOnly: true,
        },
        { flatten: true },
      );
      result.orderIds.push(placed.order.orderId);
    }
    return result;
  }
}
