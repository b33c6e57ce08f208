import type { Instrument } from '../matching';
import { Dec } from '../shared/decimal';
import type { PlaceOrder } from './order.commands';
import type { OrderEvent, OrderFilled, OrderPartiallyFilled, OrderPlaced } from './order.events';

/** Test fixtures: one BTC perpetual with round steps so the arithmetic in the tests stays readable. */
export const BTC = 'BTC/USDT:USDT';
export const T0 = '2025-03-01T12:00:00.000Z';
export const T1 = '2025-03-01T12:00:01.000Z';
export const T2 = '2025-03-01T12:00:02.000Z';

export const btc: Instrument = {
  symbol: BTC,
  contractType: 'linear',
  tickSize: new Dec('0.1'),
  lotSize: new Dec('0.001'),
  minQuantity: new Dec('0.001'),
  maxLeverage: 100,
};

export const ids = { orderId: 'ord_1', accountId: 'acc_1', symbol: BTC };

export function placeLimit(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    type: 'PlaceOrder',
    orderId: 'ord_1',
    clientOrderId: 'c-1',
    accountId: 'acc_1',
    symbol: BTC,
    side: 'buy',
    orderType: 'limit',
    quantity: '2',
    price: '100',
    instrument: btc,
    at: T0,
    ...overrides,
  };
}

export function placed(overrides: Partial<OrderPlaced> = {}): OrderPlaced {
  return {
    type: 'OrderPlaced',
    ...ids,
    at: T0,
    clientOrderId: 'c-1',
    side: 'buy',
    orderType: 'limit',
    quantity: '2',
    price: '100',
    triggerPrice: null,
    timeInForce: 'gtc',
    reduceOnly: false,
    expiresAt: null,
    bracket: null,
    parent: null,
    ...overrides,
  };
}

export const accepted: OrderEvent = { type: 'OrderAccepted', ...ids, at: T0 };
export const working: OrderEvent = { type: 'OrderWorking', ...ids, at: T0, venueOrderId: 'v-1' };

type FillEvent = OrderPartiallyFilled | OrderFilled;

export function fillEvent(
  type: FillEvent['type'],
  data: Pick<FillEvent, 'fillId' | 'price' | 'quantity' | 'filled' | 'remaining' | 'averagePrice'> &
    Partial<FillEvent>,
): FillEvent {
  return {
    type,
    ...ids,
    at: T1,
    side: 'buy',
    fee: '0',
    feeCurrency: null,
    liquidity: 'maker',
    ...data,
  };
}

export const live: OrderEvent[] = [placed(), accepted, working];
