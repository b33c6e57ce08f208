import { deciderSpec } from '../shared/testing/decider-spec';
import type { OrderEvent } from './order.events';
import { InvalidOrderTransitionError, OrderNotExpiredError } from './order.errors';
import { orderDecider } from './order.decide';
import { T0, T1, T2, accepted, fillEvent, ids, live, placed, working } from './order.fixtures';

const spec = deciderSpec(orderDecider);
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
