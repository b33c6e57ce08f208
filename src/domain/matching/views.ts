import { Dec } from '../shared/decimal';
import type { EngineCore } from './engine-core';
import { ceilDiv, moneyToDec } from './fixed-point';
import { lotsToQuantity, ticksToPrice } from './instrument-spec';
import type { BalanceView, OpenOrderView, PositionView } from './matching.types';
import type { MarketState } from './market-state';
import { unrealized } from './position';
import type { WorkingOrder } from './resting-order';

export function balanceView(core: EngineCore): BalanceView {
  let upnl = 0n;
  let positionMargin = 0n;
  let orderMargin = 0n;
  for (const m of core.markets.values()) {
    if (m.markPerLot !== undefined) upnl += unrealized(m.position, m.markPerLot);
    positionMargin += ceilDiv(m.position.cost, BigInt(m.leverage));
    orderMargin += m.lockedMoney;
  }
  return {
    wallet: moneyToDec(core.wallet),
    unrealizedPnl: moneyToDec(upnl),
    equity: moneyToDec(core.wallet + upnl),
    positionMargin: moneyToDec(positionMargin),
    orderMargin: moneyToDec(orderMargin),
    available: moneyToDec(core.available()),
  };
}

export function positionView(m: MarketState): PositionView {
  const p = m.position;
  const quantity = lotsToQuantity(m.spec, p.lots);
  return {
    symbol: m.spec.symbol,
    quantity,
    entryPrice: p.lots === 0 ? new Dec(0) : moneyToDec(p.cost).div(quantity.abs()),
    realizedPnl: moneyToDec(p.realized),
    unrealizedPnl: m.markPerLot === undefined ? new Dec(0) : moneyToDec(unrealized(p, m.markPerLot)),
    leverage: m.leverage,
  };
}

export function openOrderView(
  m: MarketState,
  o: WorkingOrder,
  status: OpenOrderView['status'],
): OpenOrderView {
  return {
    orderId: o.id,
    symbol: o.symbol,
    type: o.request.type,
    side: o.side,
    price: o.limitTicks === undefined ? undefined : ticksToPrice(m.spec, o.limitTicks),
    triggerPrice: o.triggerTicks === undefined ? undefined : ticksToPrice(m.spec, o.triggerTicks),
    quantity: lotsToQuantity(m.spec, o.totalLots),
    filled: lotsToQuantity(m.spec, o.filledLots),
    status,
  };
}
