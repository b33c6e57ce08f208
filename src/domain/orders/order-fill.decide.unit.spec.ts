import { deciderSpec } from '../shared/testing/decider-spec';
import type { OrderEvent } from './order.events';
import { FillExceedsQuantityError, InvalidOrderError, InvalidOrderTransitionError } from './order.errors';
import { orderDecider } from './order.decide';
import { T1, fillEvent, ids, live, placed } from './order.fixtures';

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
