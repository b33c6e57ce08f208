import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { toWire } from '../../../domain/shared/decimal';
import { DomainError } from '../../../domain/shared/domain-error';
import { toOrderRequest, type AmendIntent, type PlaceIntent } from '../../../domain/strategy';
import { MarketInfo } from '../../accounts';
import { AmendOrderCommand, CancelOrderCommand, OrderPlacement, type PlacementInput } from '../../orders';

export type RouteResult =
  | { readonly ok: true; readonly orderId: string }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly details: Readonly<Record<string, unknown>>;
    };

function refusal(err: unknown): RouteResult {
  if (err instanceof DomainError)
    return { ok: false, code: err.code, message: err.message, details: err.details };
  return {
    ok: false,
    code: 'ROUTING_FAILED',
    message: err instanceof Error ? err.message : String(err),
    details: {},
  };
}

/**
 * A strategy's intents as orders, through the orders context: placement runs the pre-trade risk
 * check like any order, so a refusal comes back here as RISK_REJECTED with its violations.
 */
@Injectable()
export class StrategyOrderRouter {
  constructor(
    private readonly placement: OrderPlacement,
    private readonly markets: MarketInfo,
    private readonly commands: CommandBus,
  ) {}

  async place(
    accountId: string,
    exchange: string,
    clientOrderId: string,
    intent: PlaceIntent,
  ): Promise<RouteResult> {
    try {
      const instrument = await this.markets.instrument(exchange, intent.symbol);
      const converted = toOrderRequest(intent, instrument);
      if (!converted.ok) return { ok: false, code: converted.code, message: converted.message, details: {} };
      const r = converted.request;
      const input: PlacementInput = {
        accountId,
        clientOrderId,
        symbol: r.symbol,
        side: r.side,
        type: r.type,
        quantity: toWire(r.quantity),
        reduceOnly: r.reduceOnly ?? false,
        price: 'price' in r ? toWire(r.price) : null,
        triggerPrice: 'triggerPrice' in r ? toWire(r.triggerPrice) : null,
        ...(r.type === 'limit' ? { timeInForce: r.timeInForce ?? 'gtc' } : {}),
      };
      const placed = await this.placement.place(input);
      return { ok: true, orderId: placed.order.orderId };
    } catch (err) {
      return refusal(err);
    }
  }

  async amend(orderId: string, intent: AmendIntent): Promise<RouteResult> {
    try {
      const text = (x: number | undefined) =>
        x === undefined ? undefined : String(Number(x.toPrecision(15)));
      await this.commands.execute(
        new AmendOrderCommand(orderId, {
          price: text(intent.price),
          quantity: text(intent.quantity),
          triggerPrice: text(intent.triggerPrice),
        }),
      );
      return { ok: true, orderId };
    } catch (err) {
      return refusal(err);
    }
  }

  async cancel(orderId: string): Promise<RouteResult> {
    try {
      await this.commands.execute(new CancelOrderCommand(orderId));
      return { ok: true, orderId };
    } catch (err) {
      return refusal(err);
    }
  }
}
