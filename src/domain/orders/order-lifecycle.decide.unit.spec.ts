import { deciderSpec } from '../shared/testing/decider-spec';
import type { OrderEvent } from './order.events';
import {
  AmendBelowFilledError,
  FillExceedsQuantityError,
  InvalidOrderError,
  InvalidOrderTransitionError,
  OrderNotExpiredError,
} from './order.errors';
import { orderDecider } from './order.decide';
import {
  BTC,
  T0,
  T1,
  T2,
  accepted,
  btc,
  fillEvent,
  ids,
  live,
  placeLimit,
  placed,
  working,
} from './order.fixtures';

const spec = deciderSpec(orderDecider);
const fill = (fillId: string, quantity: string, price = '100', fee = '0.04') =>
  ({ type: 'RecordFill', fillId, price, quantity, fee, liquidity: 'maker', at: T1 }) as const;
const partial = fillEvent('OrderPartiallyFilled', {
  fillId: 'f1',
  price: '100',
  quantity: '0.5',
  fee: '0.04',
  filled: '0.5',
  remaining: '1.5',
  averagePrice: '100',
});
const cancelled = (reason: string, filled = '0', remaining = '2'): OrderEvent => ({
  type: 'OrderCancelled',
  ...ids,
  at: T1,
  reason,
  filled,
  remaining,
});

describe('order decider: placing', () => {
  it('places a new order with its terms as decimal strings', () => {
    spec
      .given([])
      .when(placeLimit({ quantity: '2.000', price: '100.0' }))
      .then([placed()]);
  });

  it('keeps a good-till-date and the attached bracket', () => {
    const takeProfit = { childOrderId: 'tp_1', triggerPrice: '110', price: null };
    const stopLoss = { childOrderId: 'sl_1', triggerPrice: '95', price: '94.9' };
    spec
      .given([])
      .when(placeLimit({ timeInForce: 'gtd', expiresAt: T2, takeProfit, stopLoss }))
      .then([placed({ timeInForce: 'gtd', expiresAt: T2, bracket: { takeProfit, stopLoss } })]);
  });

  it('is idempotent by clientOrderId and refuses another order on the same stream', () => {
    spec.given([placed()]).when(placeLimit()).then([]);
    spec
      .given([placed()])
      .when(placeLimit({ clientOrderId: 'c-2' }))
      .thenThrows(InvalidOrderTransitionError, { status: 'new', command: 'PlaceOrder' });
  });

  it('refuses an invalid order with the field named', () => {
    spec
      .given([])
      .when(placeLimit({ price: null }))
      .thenThrows(InvalidOrderError, { field: 'price', problem: 'REQUIRED' });
  });
});

describe('order decider: acceptance and rejection', () => {
  it('accepts a new order', () => {
    spec.given([placed()]).when({ type: 'AcceptOrder', at: T0 }).then([accepted]);
  });

  it('refuses to accept twice, or anything before the order exists', () => {
    spec
      .given([placed(), accepted])
      .when({ type: 'AcceptOrder', at: T0 })
      .thenThrows(InvalidOrderTransitionError);
    spec
      .given([])
      .when({ type: 'AcceptOrder', at: T0 })
      .thenThrows(InvalidOrderTransitionError, { status: 'none', reason: 'no such order' });
  });

  it('records a risk rejection with the rules that refused it', () => {
    const details = { violations: [{ rule: 'max_order_notional', limit: '100', value: '200' }] };
    spec
      .given([placed()])
      .when({
        type: 'RejectOrder',
        source: 'risk',
        reason: 'RISK_REJECTED',
        message: 'risk',
        details,
        at: T0,
      })
      .then([
        {
          type: 'OrderRejected',
          ...ids,
          at: T0,
          source: 'risk',
          reason: 'RISK_REJECTED',
          message: 'risk',
          details,
        },
      ]);
  });

  it('records a venue rejection of an accepted order', () => {
    spec
      .given([placed(), accepted])
      .when({
        type: 'RejectOrder',
        source: 'venue',
        reason: 'INSUFFICIENT_MARGIN',
        message: 'no margin',
        at: T1,
      })
      .then([
        {
          type: 'OrderRejected',
          ...ids,
          at: T1,
          source: 'venue',
          reason: 'INSUFFICIENT_MARGIN',
          message: 'no margin',
          details: {},
        },
      ]);
  });

  it('refuses to reject a working order', () => {
    spec
      .given(live)
      .when({ type: 'RejectOrder', source: 'venue', reason: 'X', message: 'x', at: T1 })
      .thenThrows(InvalidOrderTransitionError, { status: 'working' });
  });
});

describe('order decider: venue acknowledgement', () => {
  it('turns an accepted order working', () => {
    spec
      .given([placed(), accepted])
      .when({ type: 'RecordVenueAck', venueOrderId: 'v-1', at: T0 })
      .then([working]);
  });

  it('ignores a repeated ack and refuses a second venue id', () => {
    spec.given(live).when({ type: 'RecordVenueAck', venueOrderId: 'v-1', at: T1 }).then([]);
    spec
      .given(live)
      .when({ type: 'RecordVenueAck', venueOrderId: 'v-2', at: T1 })
      .thenThrows(InvalidOrderTransitionError, { reason: 'another venue order id' });
  });

  it('takes an ack that a fill overtook, keeping the order partially filled', () => {
    spec
      .given([placed(), accepted, partial])
      .when({ type: 'RecordVenueAck', venueOrderId: 'v-1', at: T1 })
      .then([{ ...working, at: T1 }]);
  });

  it('refuses an ack of a new (unchecked) order', () => {
    spec
      .given([placed()])
      .when({ type: 'RecordVenueAck', venueOrderId: 'v-1', at: T0 })
      .thenThrows(InvalidOrderTransitionError);
  });
});

describe('order decider: fills', () => {
  it('records a partial fill: 2 - 0.5 = 1.5 remaining', () => {
    spec.given(live).when(fill('f1', '0.5')).then([partial]);
  });

  it('fills the rest with the volume-weighted average price', () => {
    // (0.5 * 100 + 1.5 * 101) / 2 = (50 + 151.5) / 2 = 100.75
    spec
      .given([...live, partial])
      .when(fill('f2', '1.5', '101', '-0.01'))
      .then([
        fillEvent('OrderFilled', {
          fillId: 'f2',
          price: '101',
          quantity: '1.5',
          fee: '-0.01',
          filled: '2',
          remaining: '0',
          averagePrice: '100.75',
        }),
      ]);
  });

  it('applies a fill id once', () => {
    spec
      .given([...live, partial])
      .when(fill('f1', '0.5'))
      .then([]);
  });

  it('refuses a fill past the quantity: 0.5 + 1.6 > 2', () => {
    spec
      .given([...live, partial])
      .when(fill('f2', '1.6'))
      .thenThrows(FillExceedsQuantityError, { quantity: '2', filled: '0.5', fillQuantity: '1.6' });
  });

  it('refuses a fill on a filled, rejected or new order', () => {
    const filled = fillEvent('OrderFilled', {
      fillId: 'f1',
      price: '100',
      quantity: '2',
      filled: '2',
      remaining: '0',
      averagePrice: '100',
    });
    spec
      .given([...live, filled])
      .when(fill('f2', '0.1'))
      .thenThrows(InvalidOrderTransitionError, { status: 'filled' });
    spec.given([placed()]).when(fill('f2', '0.1')).thenThrows(InvalidOrderTransitionError, { status: 'new' });
  });

  it('refuses a malformed fill', () => {
    spec
      .given(live)
      .when(fill('f1', '-1'))
      .thenThrows(InvalidOrderError, { field: 'quantity', problem: 'NOT_POSITIVE' });
    spec
      .given(live)
      .when(fill('f1', '1', 'abc'))
      .thenThrows(InvalidOrderError, { field: 'price', problem: 'NOT_A_DECIMAL' });
  });

  it('records a late fill on a cancelled order without reopening it', () => {
    const events = [...live, cancelled('user')];
    spec.given(events).when(fill('f1', '0.5')).then([partial]);
    const state = [...events, partial].reduce(orderDecider.evolve, orderDecider.initialState());
    expect(state.status).toBe('cancelled');
    expect(state.filled.toString()).toBe('0.5');
  });
});

describe('order decider: amend', () => {
  const amend = (fields: { price?: string; quantity?: string; triggerPrice?: string }) =>
    ({ type: 'AmendOrder', ...fields, instrument: btc, at: T1 }) as const;
  const requested: OrderEvent = {
    type: 'OrderAmendRequested',
    ...ids,
    at: T1,
    price: '99.5',
    quantity: '3',
    triggerPrice: null,
  };

  it('requests an amend, then applies it when the venue confirms: 3 - 0.5 filled = 2.5 remaining', () => {
    spec
      .given(live)
      .when(amend({ price: '99.5', quantity: '3' }))
      .then([requested]);
    spec
      .given([...live, partial, requested])
      .when({ type: 'RecordVenueAmend', at: T2 })
      .then([
        {
          type: 'OrderAmended',
          ...ids,
          at: T2,
          price: '99.5',
          quantity: '3',
          triggerPrice: null,
          remaining: '2.5',
        },
      ]);
  });

  it('records a venue refusal of the amend', () => {
    spec
      .given([...live, requested])
      .when({ type: 'RecordVenueAmendRejected', reason: 'WOULD_CROSS', at: T2 })
      .then([{ type: 'OrderAmendRejected', ...ids, at: T2, reason: 'WOULD_CROSS' }]);
  });

  it('refuses a quantity that does not exceed the filled part (422)', () => {
    spec
      .given([...live, partial])
      .when(amend({ quantity: '0.5' }))
      .thenThrows(AmendBelowFilledError, { quantity: '0.5', filled: '0.5' });
  });

  it('refuses a venue confirmation that fills overtook', () => {
    const shrink: OrderEvent = { ...requested, price: null, quantity: '1' };
    const more = fillEvent('OrderPartiallyFilled', {
      fillId: 'f2',
      price: '100',
      quantity: '1',
      filled: '1.5',
      remaining: '0.5',
      averagePrice: '100',
    });
    spec
      .given([...live, partial, shrink, more])
      .when({ type: 'RecordVenueAmend', at: T2 })
      .thenThrows(AmendBelowFilledError);
  });

  it('refuses bad amend input, a second pending amend, and amends of closed orders', () => {
    spec.given(live).when(amend({})).thenThrows(InvalidOrderError, { problem: 'NOTHING_TO_AMEND' });
    spec
      .given(live)
      .when(amend({ triggerPrice: '90' }))
      .thenThrows(InvalidOrderError, { field: 'triggerPrice', problem: 'NOT_ALLOWED' });
    spec
      .given(live)
      .when(amend({ price: '99.55' }))
      .thenThrows(InvalidOrderError, { field: 'price', problem: 'TOO_MANY_DECIMALS' });
    spec
      .given([...live, requested])
      .when(amend({ price: '99' }))
      .thenThrows(InvalidOrderTransitionError, { reason: 'amend pending' });
    spec
      .given([...live, cancelled('user')])
      .when(amend({ price: '99' }))
      .thenThrows(InvalidOrderTransitionError, { status: 'cancelled' });
    spec
      .given([placed()])
      .when(amend({ price: '99' }))
      .thenThrows(InvalidOrderTransitionError, { status: 'new' });
  });

  it('refuses a venue amend answer with no amend pending', () => {
    spec.given(live).when({ type: 'RecordVenueAmend', at: T2 }).thenThrows(InvalidOrderTransitionError);
    spec
      .given(live)
      .when({ type: 'RecordVenueAmendRejected', reason: 'x', at: T2 })
      .thenThrows(InvalidOrderTransitionError);
  });
});

describe('order decider: cancel', () => {
  const cancel = { type: 'CancelOrder', origin: 'user', at: T1 } as const;
  const cancelRequested: OrderEvent = { type: 'OrderCancelRequested', ...ids, at: T1, origin: 'user' };

  it('requests a cancel of a working order, then records the venue cancel with what was filled', () => {
    spec.given(live).when(cancel).then([cancelRequested]);
    spec
      .given([...live, partial, cancelRequested])
      .when({ type: 'RecordVenueCancel', reason: 'user', at: T1 })
      .then([cancelled('user', '0.5', '1.5')]);
  });

  it('cancels a new order at once: it never reached the venue', () => {
    spec
      .given([placed()])
      .when(cancel)
      .then([cancelRequested, cancelled('user')]);
  });

  it('is idempotent while the cancel is pending, and for a repeated venue cancel', () => {
    spec
      .given([...live, cancelRequested])
      .when(cancel)
      .then([]);
    spec
      .given([...live, cancelled('user')])
      .when({ type: 'RecordVenueCancel', reason: 'user', at: T2 })
      .then([]);
  });

  it('records a cancel the venue made on its own (ioc remainder)', () => {
    spec
      .given(live)
      .when({ type: 'RecordVenueCancel', reason: 'ioc_remainder', at: T1 })
      .then([cancelled('ioc_remainder')]);
  });

  it('refuses to cancel a filled or rejected order', () => {
    const filled = fillEvent('OrderFilled', {
      fillId: 'f1',
      price: '100',
      quantity: '2',
      filled: '2',
      remaining: '0',
      averagePrice: '100',
    });
    spec
      .given([...live, filled])
      .when(cancel)
      .thenThrows(InvalidOrderTransitionError, { status: 'filled' });
    const rejected: OrderEvent = {
      type: 'OrderRejected',
      ...ids,
      at: T0,
      source: 'risk',
      reason: 'R',
      message: 'r',
      details: {},
    };
    spec
      .given([placed(), rejected])
      .when(cancel)
      .thenThrows(InvalidOrderTransitionError, { status: 'rejected' });
    spec
      .given([placed(), rejected])
      .when({ type: 'RecordVenueCancel', reason: 'x', at: T1 })
      .thenThrows(InvalidOrderTransitionError);
  });
});

describe('order decider: expiry', () => {
  const gtd = placed({ timeInForce: 'gtd', expiresAt: T1 });

  it('expires a good-till-date order at its expiry', () => {
    spec
      .given([gtd, accepted, working, partial])
      .when({ type: 'ExpireOrder', at: T1 })
      .then([{ type: 'OrderExpired', ...ids, at: T1, expiresAt: T1, filled: '0.5', remaining: '1.5' }]);
  });

  it('refuses to expire early, without a date, or once closed', () => {
    spec
      .given([gtd, accepted])
      .when({ type: 'ExpireOrder', at: T0 })
      .thenThrows(OrderNotExpiredError, { expiresAt: T1, at: T0 });
    spec
      .given(live)
      .when({ type: 'ExpireOrder', at: T2 })
      .thenThrows(OrderNotExpiredError, { expiresAt: null });
    spec
      .given([gtd, accepted, cancelled('user')])
      .when({ type: 'ExpireOrder', at: T2 })
      .thenThrows(InvalidOrderTransitionError, { status: 'cancelled' });
  });

  it('treats the venue cancel after an expiry as its echo', () => {
    const expired: OrderEvent = {
      type: 'OrderExpired',
      ...ids,
      at: T1,
      expiresAt: T1,
      filled: '0',
      remaining: '2',
    };
    spec
      .given([gtd, accepted, working, expired])
      .when({ type: 'RecordVenueCancel', reason: 'expired', at: T2 })
      .then([]);
  });
});

it('names the symbol in every event', () => {
  expect(placed().symbol).toBe(BTC);
});
