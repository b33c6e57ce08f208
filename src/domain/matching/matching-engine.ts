import type { Dec } from '../shared/decimal';
import { EngineCore } from './engine-core';
import { rejected } from './engine-events';
import { MONEY_DP, moneyToDec, roundToScaled } from './fixed-point';
import { lotsToQuantity, ticksOf } from './instrument-spec';
import { reconcileBook, fillCrossedByTrade } from './maker-fills';
import type {
  BalanceView,
  BookSnapshot,
  EngineConfig,
  EngineEvent,
  MarketTrade,
  OpenOrderView,
  OrderAmendment,
  OrderRequest,
  PositionView,
} from './matching.types';
import type { MarketState } from './market-state';
import { amendOrder } from './order-amend';
import { execute, fire } from './order-execution';
import { intake } from './order-intake';
import { reducibleLots } from './position';
import { isTriggered } from './trigger-book';
import { balanceView, openOrderView, positionView } from './views';

/**
 * A deterministic matching engine for one account trading USDT-margined linear perpetuals (one-way
 * mode) against a venue's book. Pure: time comes in as `now` (ms), ids come from counters, every
 * operation returns the events it caused, in order.
 */
export class MatchingEngine {
  private readonly core: EngineCore;

  constructor(config: EngineConfig) {
    this.core = new EngineCore(config);
  }

  submit(request: OrderRequest, now: number): EngineEvent[] {
    const core = this.core;
    const orderId = core.nextOrderId();
    const m = core.markets.get(request.symbol);
    if (m === undefined) {
      return [rejected(orderId, request.symbol, 'UNKNOWN_SYMBOL', `unknown symbol ${request.symbol}`, now)];
    }
    const checked = intake(m.spec, request, orderId);
    if (!checked.ok) return [rejected(orderId, request.symbol, checked.reason, checked.message, now)];
    const order = checked.order;
    if (order.reduceOnly && reducibleLots(m.position, order.isBuy) === 0) {
      return [
        rejected(
          orderId,
          order.symbol,
          'REDUCE_ONLY_WOULD_INCREASE',
          'no position to reduce on that side',
          now,
        ),
      ];
    }
    const events: EngineEvent[] = [];
    if (order.triggerTicks === undefined) {
      execute(core, m, order, now, events, true);
      return events;
    }
    events.push({ type: 'accepted', at: now, orderId, symbol: order.symbol, order: request });
    const reference = order.triggerBy === 'mark' ? m.markTicks : m.lastTicks;
    if (reference !== undefined && isTriggered(order, reference)) {
      fire(core, m, order, now, events);
    } else {
      m.triggers.add(order);
      core.orders.set(orderId, order);
    }
    return events;
  }

  cancel(orderId: string, now: number): EngineEvent[] {
    const order = this.core.orders.get(orderId);
    const m = order === undefined ? undefined : this.core.markets.get(order.symbol);
    if (order === undefined || m === undefined) {
      return [rejected(orderId, '', 'UNKNOWN_ORDER', `no open order ${orderId}`, now)];
    }
    const events: EngineEvent[] = [];
    if (m.triggers.remove(order)) this.core.orders.delete(orderId);
    else this.core.unrest(m, order);
    this.core.cancel(m, order, 'user', now, events);
    return events;
  }

  amend(orderId: string, changes: OrderAmendment, now: number): EngineEvent[] {
    const order = this.core.orders.get(orderId);
    const m = order === undefined ? undefined : this.core.markets.get(order.symbol);
    if (order === undefined || m === undefined) {
      return [rejected(orderId, '', 'UNKNOWN_ORDER', `no open order ${orderId}`, now)];
    }
    return amendOrder(this.core, m, order, changes, now);
  }

  /** A new snapshot of the venue's book: replaces the liquidity, fills own orders it crosses. */
  onBook(snapshot: BookSnapshot, now: number): EngineEvent[] {
    const m = this.core.markets.get(snapshot.symbol);
    if (m === undefined) return [];
    const events: EngineEvent[] = [];
    reconcileBook(this.core, m, snapshot, now, events);
    return events;
  }

  /** A trade on the venue: fills own orders it reaches, then fires triggers on the last price. */
  onTrade(trade: MarketTrade, now: number): EngineEvent[] {
    const m = this.core.markets.get(trade.symbol);
    if (m === undefined) return [];
    const events: EngineEvent[] = [];
    const ticks = fillCrossedByTrade(this.core, m, trade, now, events);
    m.lastTicks = ticks;
    this.fireDue(m, 'last', ticks, now, events);
    return events;
  }

  /** A new mark price: revalues the position and fires mark-triggered orders. */
  onMark(symbol: string, mark: Dec, now: number): EngineEvent[] {
    const m = this.core.markets.get(symbol);
    if (m === undefined) return [];
    m.markTicks = ticksOf(m.spec, mark);
    m.markPerLot = roundToScaled(mark.mul(m.spec.instrument.lotSize), MONEY_DP);
    const events: EngineEvent[] = [];
    this.fireDue(m, 'mark', m.markTicks, now, events);
    return events;
  }

  /** Funding at a funding time: a long pays rate * notional at mark when the rate is positive. */
  applyFunding(symbol: string, rate: Dec, mark: Dec, now: number): EngineEvent[] {
    const m = this.core.markets.get(symbol);
    if (m === undefined || m.position.lots === 0) return [];
    const positionQuantity = lotsToQuantity(m.spec, m.position.lots);
    const amount = roundToScaled(positionQuantity.mul(mark).mul(rate).neg(), MONEY_DP);
    this.core.wallet += amount;
    this.core.fundingReceived += amount;
    return [
      {
        type: 'funding',
        at: now,
        symbol,
        rate,
        markPrice: mark,
        positionQuantity,
        amount: moneyToDec(amount),
      },
    ];
  }

  setLeverage(symbol: string, leverage: number, now: number): EngineEvent[] {
    const m = this.core.markets.get(symbol);
    if (m === undefined) return [rejected('', symbol, 'UNKNOWN_SYMBOL', `unknown symbol ${symbol}`, now)];
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > m.spec.instrument.maxLeverage) {
      const message = `leverage must be an integer from 1 to ${m.spec.instrument.maxLeverage}`;
      return [rejected('', symbol, 'LEVERAGE_OUT_OF_RANGE', message, now)];
    }
    m.leverage = leverage;
    for (const order of [...m.ownBids.all(), ...m.ownAsks.all()]) this.core.relock(m, order);
    return [{ type: 'leverage_changed', at: now, symbol, leverage }];
  }

  balance(): BalanceView {
    return balanceView(this.core);
  }

  position(symbol: string): PositionView | undefined {
    const m = this.core.markets.get(symbol);
    return m === undefined ? undefined : positionView(m);
  }

  openOrders(symbol?: string): OpenOrderView[] {
    const out: OpenOrderView[] = [];
    for (const m of this.core.markets.values()) {
      if (symbol !== undefined && m.spec.symbol !== symbol) continue;
      for (const o of [...m.ownBids.all(), ...m.ownAsks.all()]) out.push(openOrderView(m, o, 'resting'));
      for (const o of m.triggers.all()) out.push(openOrderView(m, o, 'waiting_trigger'));
    }
    return out;
  }

  /** Totals since the start: wallet change = realizedPnl - fees + funding, exactly. */
  ledger(): { walletChange: Dec; realizedPnl: Dec; fees: Dec; funding: Dec } {
    const c = this.core;
    return {
      walletChange: moneyToDec(c.wallet - c.initialWallet),
      realizedPnl: moneyToDec(c.realizedPnl),
      fees: moneyToDec(c.feesPaid),
      funding: moneyToDec(c.fundingReceived),
    };
  }

  private fireDue(
    m: MarketState,
    source: 'last' | 'mark',
    ticks: number,
    now: number,
    events: EngineEvent[],
  ): void {
    for (const order of m.triggers.takeDue(source, ticks)) {
      this.core.orders.delete(order.id);
      fire(this.core, m, order, now, events);
    }
  }
}
