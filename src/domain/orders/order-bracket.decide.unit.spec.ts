import { deciderSpec } from '../shared/testing/decider-spec';
import type { OrderEvent } from './order.events';
import { InvalidOrderTransitionError } from './order.errors';
import { orderDecider } from './order.decide';
import { T1, T2, accepted, fillEvent, ids, placed, working } from './order.fixtures';

const spec = deciderSpec(orderDecider);
const takeProfit = { childOrderId: 'tp_1', triggerPrice: '110', price: null };
const stopLoss = { childOrderId: 'sl_1', triggerPrice: '95', price: '94.9' };
const entry = [placed({ bracket: { takeProfit, stopLoss } }), accepted, working];
const fill = (fillId: string, quantity: string) =>
  ({ type: 'RecordFill', fillId, price: '100', quantity, fee: '0', liquidity: 'taker', at: T1 }) as const;
const firstFill = fillEvent('OrderPartiallyFilled', {
  fillId: 'f1',
  price: '100',
  quantity: '0.5',
  liquidity: 'taker',
  filled: '0.5',
  remaining: '1.5',
  averagePrice: '100',
});
const armed: OrderEvent = {
  type: 'BracketArmed',
  ...ids,
  at: T1,
  side: 'sell',
  quantity: '0.5',
  takeProfit,
  stopLoss,
};
const tpFilled = { type: 'RecordBracketLegFill', leg: 'take_profit', at: T2 } as const;
const triggered: OrderEvent = {
  type: 'BracketLegTriggered',
  ...ids,
  at: T2,
  filledLeg: 'take_profit',
  filledChildOrderId: 'tp_1',
  cancelChildOrderId: 'sl_1',
};

describe('order decider: take-profit / stop-loss bracket', () => {
  it('arms the children on the entry’s first fill, for what has filled, on the opposite side', () => {
    spec.given(entry).when(fill('f1', '0.5')).then([firstFill, armed]);
  });

  it('resizes the armed children on later fills: 0.5 + 1.5 = 2', () => {
    spec
      .given([...entry, firstFill, armed])
      .when(fill('f2', '1.5'))
      .then([
        fillEvent('OrderFilled', {
          fillId: 'f2',
          price: '100',
          quantity: '1.5',
          liquidity: 'taker',
          filled: '2',
          remaining: '0',
          averagePrice: '100',
        }),
        { type: 'BracketResized', ...ids, at: T1, quantity: '2' },
      ]);
  });

  it('cancels the stop-loss when the take-profit fills (one-cancels-other), once', () => {
    spec
      .given([...entry, firstFill, armed])
      .when(tpFilled)
      .then([triggered]);
    spec
      .given([...entry, firstFill, armed, triggered])
      .when(tpFilled)
      .then([]);
  });

  it('cancels the take-profit when the stop-loss fills', () => {
    spec
      .given([...entry, firstFill, armed])
      .when({ type: 'RecordBracketLegFill', leg: 'stop_loss', at: T2 })
      .then([
        { ...triggered, filledLeg: 'stop_loss', filledChildOrderId: 'sl_1', cancelChildOrderId: 'tp_1' },
      ]);
  });

  it('has no sibling to cancel for a single-leg bracket', () => {
    const single = [placed({ bracket: { takeProfit, stopLoss: null } }), accepted, working, firstFill];
    spec
      .given([...single, { ...armed, stopLoss: null }])
      .when(tpFilled)
      .then([{ ...triggered, cancelChildOrderId: null }]);
    spec
      .given([...single, { ...armed, stopLoss: null }])
      .when({ type: 'RecordBracketLegFill', leg: 'stop_loss', at: T2 })
      .thenThrows(InvalidOrderTransitionError, { reason: 'no stop_loss leg' });
  });

  it('refuses a leg fill before the bracket is armed, without a bracket, or from both legs', () => {
    spec.given(entry).when(tpFilled).thenThrows(InvalidOrderTransitionError, { reason: 'no armed bracket' });
    spec
      .given([placed(), accepted])
      .when(tpFilled)
      .thenThrows(InvalidOrderTransitionError, { reason: 'no armed bracket' });
    spec
      .given([...entry, firstFill, armed, triggered])
      .when({ type: 'RecordBracketLegFill', leg: 'stop_loss', at: T2 })
      .thenThrows(InvalidOrderTransitionError, { reason: 'bracket already triggered' });
  });

  it('keeps the children when the partly filled entry is cancelled', () => {
    const state = [
      ...entry,
      firstFill,
      armed,
      {
        type: 'OrderCancelled',
        ...ids,
        at: T2,
        reason: 'user',
        filled: '0.5',
        remaining: '1.5',
      } as OrderEvent,
    ].reduce(orderDecider.evolve, orderDecider.initialState());
    expect(state.bracketStatus).toBe('armed');
  });
});
