import { Injectable } from '@nestjs/common';
import {
  decideOrder,
  evolveOrder,
  evolveOrderView,
  initialOrderState,
  placementDifferences,
  validatePlaceOrder,
  ClientOrderIdConflictError,
  type BracketLeg,
  type OrderCommand,
  type OrderEvent,
  type OrderSide,
  type OrderState,
  type OrderType,
  type OrderView,
  type PlaceOrder,
  type TimeInForce,
} from '../../../../domain/orders';
import type { Decider } from '../../../../domain/shared/decider';
import { RiskRejectedError, type PreTradeResult } from '../../../../domain/risk';
import { PostgresEventStore } from '../../../../infrastructure/event-store/postgres-event-store';
import { AccountDirectory, MarketInfo } from '../../../accounts';
import { AccountRiskStore, PreTradeGate } from '../../../risk';
import { orderIdFor, orderStreamId } from '../../order-ids';
import { OpenOrderExposure } from '../../open-order-exposure';
import { OrderCommander } from '../../order-commander';

export interface BracketLegInput {
  triggerPrice: string;
  price?: string | null;
}

export interface PlacementInput {
  accountId: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  price?: string | null;
  triggerPrice?: string | null;
  timeInForce?: TimeInForce;
  reduceOnly?: boolean;
  expiresAt?: string | null;
  takeProfit?: BracketLegInput | null;
  stopLoss?: BracketLegInput | null;
  parent?: { orderId: string; leg: BracketLeg } | null;
}

export interface PlacementOptions {
  /** A close sent by the kill switch or close-all: the only order a HALTED account takes. */
  flatten?: boolean;
}

export interface Placement {
  order: OrderView;
  /** False when the clientOrderId had placed this order before: nothing new was recorded. */
  created: boolean;
}

/** The id of a bracket leg's child order: derived, so arming it twice places it once. */
export function childClientOrderId(clientOrderId: string, leg: BracketLeg): string {
  return `${clientOrderId}/${leg === 'take_profit' ? 'tp' : 'sl'}`;
}

/** PlaceOrder, then AcceptOrder or (refused by risk) RejectOrder: appended together, in one go. */
function placeWithVerdict(verdict: PreTradeResult): Decider<OrderState, PlaceOrder, OrderEvent> {
  return {
    initialState: initialOrderState,
    evolve: evolveOrder,
    decide: (command, state) => {
      const placed = decideOrder(command, state);
      if (placed.length === 0) return [];
      const after = placed.reduce(evolveOrder, state);
      const next: OrderCommand = verdict.ok
        ? { type: 'AcceptOrder', at: command.at }
        : {
            type: 'RejectOrder',
            source: 'risk',
            reason: 'RISK_REJECTED',
            message: `Refused by risk: ${verdict.violations.map((v) => v.rule).join(', ')}`,
            details: { violations: verdict.violations.map((v) => ({ ...v })) },
            at: command.at,
          };
      return [...placed, ...decideOrder(next, after)];
    },
  };
}

/**
 * Placing an order: validate against the instrument, run the pre-trade check, record the order with
 * the verdict. Idempotent by (account, clientOrderId): the order id derives from them, so a repeat
 * (even a concurrent one) finds the stream taken and answers the order placed first.
 */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly accounts: AccountDirectory,
    private readonly markets: MarketInfo,
    private readonly risk: AccountRiskStore,
    private readonly gate: PreTradeGate,
    private readonly exposure: OpenOrderExposure,
    private readonly commander: OrderCommander,
  ) {}

  async place(input: PlacementInput, options: PlacementOptions = {}): Promise<Placement> {
    const account = await this.accounts.identity(input.accountId);
    const instrument = await this.markets.instrument(account.exchange, input.symbol);
    const orderId = orderIdFor(input.accountId, input.clientOrderId);
    const at = new Date().toISOString();
    const leg = (spec: BracketLegInput | null | undefined, name: BracketLeg) =>
      spec === undefined || spec === null
        ? null
        : {
            childOrderId: orderIdFor(input.accountId, childClientOrderId(input.clientOrderId, name)),
            triggerPrice: spec.triggerPrice,
            price: spec.price ?? null,
          };
    const command: PlaceOrder = {
      type: 'PlaceOrder',
      orderId,
      clientOrderId: input.clientOrderId,
      accountId: input.accountId,
      symbol: instrument.symbol,
      side: input.side,
      orderType: input.type,
      quantity: input.quantity,
      price: input.price ?? null,
      triggerPrice: input.triggerPrice ?? null,
      timeInForce: input.timeInForce ?? 'gtc',
      reduceOnly: input.reduceOnly ?? false,
      expiresAt: input.expiresAt ?? null,
      takeProfit: leg(input.takeProfit, 'take_profit'),
      stopLoss: leg(input.stopLoss, 'stop_loss'),
      parent: input.parent ?? null,
      instrument,
      at,
    };
    const valid = validatePlaceOrder(command); // 400 naming every bad field, before any I/O on the order
    const { state: risk } = await this.risk.forPlacement(input.accountId);
    let reservation: number | null = null;
    const verdict = await this.gate.check(
      {
        accountId: input.accountId,
        exchange: account.exchange,
        order: {
          symbol: instrument.symbol,
          side: input.side,
          quantity: valid.quantity,
          price: valid.price,
          triggerPrice: valid.triggerPrice,
          reduceOnly: command.reduceOnly ?? false,
          flatten: options.flatten === true,
        },
        openQuantities: {
          ...this.exposure.source(input.accountId),
          count: () => this.exposure.openOrderCount(input.accountId),
          reserve: () => {
            reservation = this.exposure.reserve(
              input.accountId,
              orderId,
              instrument.symbol,
              input.side,
              valid.quantity,
            );
          },
        },
        now: at,
      },
      risk,
    );
    const decider = placeWithVerdict(verdict);
    let events: OrderEvent[] | null = null;
    try {
      events = await this.commander.create(orderId, decider, command);
    } finally {
      // Nothing new recorded (a repeat, or the append failed): the quantity is not open after all.
      if (events === null && reservation !== null) this.exposure.release(input.accountId, reservation);
    }
    if (events === null) return this.existing(command);
    if (!verdict.ok) throw new RiskRejectedError(verdict.violations);
    return { order: foldView(events), created: true };
  }

  /** The same clientOrderId again: the same request answers the first order, another one is a 409. */
  private async existing(command: PlaceOrder): Promise<Placement> {
    // One read for both: the state decides the answer, the view is the answer.
    const events = (await this.store.readStream(orderStreamId(command.orderId))).map(
      (e) => e.data as OrderEvent,
    );
    const state = events.reduce(evolveOrder, initialOrderState());
    const differences = placementDifferences(state, command);
    if (differences.length > 0) {
      throw new ClientOrderIdConflictError(
        command.accountId,
        command.clientOrderId,
        state.orderId,
        differences,
      );
    }
    if (state.rejection?.source === 'risk') {
      const violations = (state.rejection.details.violations ??
        []) as unknown as RiskRejectedError['violations'];
      throw new RiskRejectedError(violations);
    }
    return { order: foldView(events), created: false };
  }
}

export function foldView(events: readonly OrderEvent[]): OrderView {
  let view: OrderView | null = null;
  for (const e of events) view = evolveOrderView(view, e);
  if (view === null) throw new Error('an order stream without OrderPlaced');
  return view;
}
