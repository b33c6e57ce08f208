import { deciderSpec } from '../shared/testing/decider-spec';
import { evolveOrder, initialOrderState } from './order.state';
import type { OrderEvent } from './order.events';
import { InvalidOrderTransitionError } from './order.errors';
import { orderDecider } from './order.decide';
import { placementDifferences } from './order-idempotency';
import { T1, T2, accepted, fillEvent, ids, placeLimit, placed, working } from './order.fixtures';

const spec = deciderSpec(orderDecider);
const inFlight: OrderEvent[] = [placed(), accepted]; // accepted, not yet acknowledged by the venue

describe('order decider: while the order is on its way to the venue', () => {
  it('takes a cancel request on an accepted order and the venue cancel that follows', () => {
    spec
      .given(inFlight)
      .when({ type: 'CancelOrder', origin: 'kill_switch', at: T1 })
      .then([{ type: 'OrderCancelRequested', ...ids, at: T1, origin: 'kill_switch' }]);
    spec
      .given([...inFlight, { type: 'OrderCancelRequested', ...ids, at: T1, origin: 'kill_switch' }])
      .when({ type: 'RecordVenueCancel', reason: 'halted', at: T2 })
      .then([{ type: 'OrderCancelled', ...ids, at: T2, reason: 'halted', filled: '0', remaining: '2' }]);
  });

  it('takes a fill that overtook the ack: 2 - 0.5 = 1.5 remaining', () => {
    spec
      .given(inFlight)
      .when({
        type: 'RecordFill',
        fillId: 'f1',
        price: '100',
        quantity: '0.5',
        fee: '0.05',
        liquidity: 'taker',
        at: T1,
      })
      .then([
        fillEvent('OrderPartiallyFilled', {
          fillId: 'f1',
          price: '100',
          quantity: '0.5',
          fee: '0.05',
          liquidity: 'taker',
          filled: '0.5',
          remaining: '1.5',
          averagePrice: '100',
        }),
      ]);
  });

  it('names the venue order of an order the venue cancelled before its ack reached us', () => {
    const cancelledEarly: OrderEvent = {
      type: 'OrderCancelled',
      ...ids,
      at: T1,
      reason: 'ioc',
      filled: '0',
      remaining: '2',
    };
    spec
      .given([...inFlight, cancelledEarly])
      .when({ type: 'RecordVenueAck', venueOrderId: 'v-9', at: T2 })
      .then([{ type: 'OrderWorking', ...ids, at: T2, venueOrderId: 'v-9' }]);
    const state = [
      ...inFlight,
      cancelledEarly,
      { type: 'OrderWorking', ...ids, at: T2, venueOrderId: 'v-9' } as OrderEvent,
    ].reduce(evolveOrder, initialOrderState());
    expect(state.status).toBe('cancelled');
  });

  it('rejects a venue refusal of an accepted order, keeping the reason for a repeated request', () => {
    const rejected: OrderEvent = {
      type: 'OrderRejected',
      ...ids,
      at: T1,
      source: 'venue',
      reason: 'INSUFFICIENT_MARGIN',
      message: 'no margin',
      details: {},
    };
    spec
      .given(inFlight)
      .when({
        type: 'RejectOrder',
        source: 'venue',
        reason: 'INSUFFICIENT_MARGIN',
        message: 'no margin',
        at: T1,
      })
      .then([rejected]);
    const state = [...inFlight, rejected].reduce(evolveOrder, initialOrderState());
    expect(state.rejection).toEqual({
      source: 'venue',
      reason: 'INSUFFICIENT_MARGIN',
      message: 'no margin',
      details: {},
    });
    spec
      .given([...inFlight, rejected])
      .when({ type: 'CancelOrder', origin: 'user', at: T2 })
      .thenThrows(InvalidOrderTransitionError);
  });

  it('expires a partially filled good-till-date order with what was filled', () => {
    const gtd = placed({ timeInForce: 'gtd', expiresAt: T1 });
    const part = fillEvent('OrderPartiallyFilled', {
      fillId: 'f1',
      price: '100',
      quantity: '0.5',
      filled: '0.5',
      remaining: '1.5',
      averagePrice: '100',
    });
    spec
      .given([gtd, accepted, working, part])
      .when({ type: 'ExpireOrder', at: T2 })
      .then([{ type: 'OrderExpired', ...ids, at: T2, expiresAt: T1, filled: '0.5', remaining: '1.5' }]);
  });
});

describe('placement idempotency', () => {
  const state = [placed({ quantity: '2', price: '100' })].reduce(evolveOrder, initialOrderState());

  it('finds no difference in the same request, whatever the decimal spelling', () => {
    expect(placementDifferences(state, placeLimit({ quantity: '2.000', price: '100.0' }))).toEqual([]);
  });

  it('names every field another order under the same clientOrderId changes', () => {
    expect(
      placementDifferences(
        state,
        placeLimit({ side: 'sell', quantity: '3', price: '101', reduceOnly: true }),
      ),
    ).toEqual(['side', 'quantity', 'price', 'reduceOnly']);
  });

  it('compares with the terms as placed, not as amended later', () => {
    const amended = [
      placed(),
      accepted,
      working,
      { type: 'OrderAmendRequested', ...ids, at: T1, price: null, quantity: '3', triggerPrice: null },
      {
        type: 'OrderAmended',
        ...ids,
        at: T1,
        price: '100',
        quantity: '3',
        triggerPrice: null,
        remaining: '3',
      },
    ] as OrderEvent[];
    const s = amended.reduce(evolveOrder, initialOrderState());
    expect(s.quantity.toFixed()).toBe('3');
    expect(placementDifferences(s, placeLimit())).toEqual([]);
  });
});
