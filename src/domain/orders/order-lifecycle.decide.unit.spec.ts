import { deciderSpec } from '../shared/testing/decider-spec';
import { InvalidOrderError, InvalidOrderTransitionError } from './order.errors';
import { orderDecider } from './order.decide';
import { T0, T1, T2, accepted, fillEvent, ids, live, placeLimit, placed, working } from './order.fixtures';

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
