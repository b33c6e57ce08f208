import { deciderSpec } from '../shared/testing/decider-spec';
import type { OrderEvent } from './order.events';
import { AmendBelowFilledError, InvalidOrderError, InvalidOrderTransitionError } from './order.errors';
import { orderDecider } from './order.decide';
import { T1, T2, btc, fillEvent, ids, live, placed } from './order.fixtures';

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
