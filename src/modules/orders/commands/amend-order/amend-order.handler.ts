import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  InvalidOrderError,
  OrderNotFoundError,
  isOpen,
  type OrderState,
  type OrderView,
} from '../../../../domain/orders';
import { RiskRejectedError } from '../../../../domain/risk';
import { Dec } from '../../../../domain/shared/decimal';
import { AccountDirectory, MarketInfo } from '../../../accounts';
import { AccountRiskStore, PreTradeGate } from '../../../risk';
import { isOrderId } from '../../order-ids';
import { OrderCommander } from '../../order-commander';
import { OrderViews } from '../../queries/get-order/order-views';
import { OpenOrderExposure } from '../../open-order-exposure';
import { AmendOrderCommand } from './amend-order.command';
import type { AmendOrderRequestDto } from './amend-order.request.dto';

/** Rules about how many orders there are: an amend changes an order, it adds none. */
const COUNT_RULES = new Set(['max_open_orders', 'max_orders_per_second']);

@CommandHandler(AmendOrderCommand)
export class AmendOrderHandler implements ICommandHandler<AmendOrderCommand> {
  constructor(
    private readonly orders: OrderCommander,
    private readonly accounts: AccountDirectory,
    private readonly markets: MarketInfo,
    private readonly views: OrderViews,
    private readonly risk: AccountRiskStore,
    private readonly gate: PreTradeGate,
    private readonly exposure: OpenOrderExposure,
  ) {}

  async execute({ orderId, request }: AmendOrderCommand): Promise<OrderView> {
    if (!isOrderId(orderId)) throw new OrderNotFoundError(orderId);
    const state = await this.orders.load(orderId);
    if (state.status === 'none') throw new OrderNotFoundError(orderId);
    if (request.triggerPrice !== undefined && request.triggerPrice !== null) {
      // The venue port amends price and quantity only: a trigger sent there was always refused.
      throw new InvalidOrderError([
        {
          field: 'triggerPrice',
          problem: 'NOT_ALLOWED',
          message: 'a trigger cannot be amended at the venue: cancel the order and place a new one',
        },
      ]);
    }
    const account = await this.accounts.identity(state.accountId);
    const instrument = await this.markets.instrument(account.exchange, state.symbol);
    const command = {
      type: 'AmendOrder' as const,
      price: request.price ?? null,
      quantity: request.quantity ?? null,
      triggerPrice: request.triggerPrice ?? null,
      instrument,
      at: new Date().toISOString(),
    };
    await this.checkRisk(state, account.exchange, request, command.at);
    await this.orders.run(orderId, command);
    return this.views.fromStream(orderId);
  }

  /**
   * The amended order meets the pre-trade check as a new order for what it can still trade, so a
   * quantity or price change cannot step around a limit (or a halt) that a new order would meet.
   * Input the check cannot read is left to the decider, which answers it with 400 / 409.
   */
  private async checkRisk(
    state: OrderState,
    exchange: string,
    request: AmendOrderRequestDto,
    now: string,
  ): Promise<void> {
    const parse = (v: string | null | undefined, fallback: Dec | null): Dec | null => {
      if (v === undefined || v === null) return fallback;
      try {
        return new Dec(v);
      } catch {
        return null;
      }
    };
    // An order that cannot be amended is the decider's 409, whatever the limits say.
    if (!isOpen(state) || state.cancelRequested || state.pendingAmend !== null) return;
    const quantity = parse(request.quantity, state.quantity);
    if (quantity === null || !quantity.gt(state.filled)) return;
    const { state: risk } = await this.risk.forPlacement(state.accountId);
    const verdict = await this.gate.check(
      {
        accountId: state.accountId,
        exchange,
        order: {
          symbol: state.symbol,
          side: state.side,
          quantity: quantity.minus(state.filled),
          price: parse(request.price, state.price),
          triggerPrice: parse(request.triggerPrice, state.triggerPrice),
          reduceOnly: state.reduceOnly,
          flatten: state.parent !== null, // a bracket child closes the entry's position
        },
        // The order's current remaining is replaced by the amended one, not added to it.
        openQuantities: this.exposure.source(state.accountId, state.orderId),
        now,
      },
      risk,
    );
    const violations = verdict.violations.filter((v) => !COUNT_RULES.has(v.rule));
    if (violations.length > 0) throw new RiskRejectedError(violations);
  }
}
