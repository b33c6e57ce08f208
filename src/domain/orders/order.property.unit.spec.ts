import fc from 'fast-check';
import { applyOrderFill, flatPosition } from '../positions';
import { DomainError } from '../shared/domain-error';
import type { OrderCommand } from './order.commands';
import { orderDecider } from './order.decide';
import type { OrderEvent } from './order.events';
import { BTC, T1, T2, btc, placeLimit } from './order.fixtures';

const lots = fc.integer({ min: 1, max: 3000 }).map((n) => (n / 1000).toString());
const command: fc.Arbitrary<OrderCommand> = fc.oneof(
  fc.constant<OrderCommand>({ type: 'AcceptOrder', at: T1 }),
  fc.constant<OrderCommand>({ type: 'RecordVenueAck', venueOrderId: 'v-1', at: T1 }),
  fc
    .record({
      fillId: fc.constantFrom('f1', 'f2', 'f3', 'f4', 'f5', 'f6'),
      quantity: lots,
      price: fc.constantFrom('99', '100.5'),
    })
    .map((f): OrderCommand => ({ type: 'RecordFill', ...f, fee: '0.01', liquidity: 'taker', at: T1 })),
  lots.map((quantity): OrderCommand => ({ type: 'AmendOrder', quantity, instrument: btc, at: T1 })),
  fc.constant<OrderCommand>({ type: 'RecordVenueAmend', at: T1 }),
  fc.constant<OrderCommand>({ type: 'RecordVenueAmendRejected', reason: 'x', at: T1 }),
  fc.constant<OrderCommand>({ type: 'CancelOrder', origin: 'user', at: T1 }),
  fc.constant<OrderCommand>({ type: 'RecordVenueCancel', reason: 'user', at: T1 }),
  fc.constant<OrderCommand>({ type: 'ExpireOrder', at: T2 }),
);

describe('order decider: properties', () => {
  it('any sequence of commands and venue reports keeps filled <= quantity, and position = sum of signed fills', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.array(command, { maxLength: 40 }),
        (side, commands) => {
          let state = orderDecider.initialState();
          const history: OrderEvent[] = [];
          for (const next of [
            placeLimit({ side, quantity: '1.5', timeInForce: 'gtd', expiresAt: T2 }),
            ...commands,
          ]) {
            let events: readonly OrderEvent[];
            try {
              events = orderDecider.decide(next, state);
            } catch (err) {
              if (err instanceof DomainError) continue; // a refusal changes nothing
              throw err;
            }
            history.push(...events);
            state = events.reduce(orderDecider.evolve, state);
            expect(state.filled.lte(state.quantity)).toBe(true);
          }
          const fillIds = history.flatMap((e) =>
            e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled' ? [e.fillId] : [],
          );
          expect(new Set(fillIds).size).toBe(fillIds.length);
          const position = history.reduce(
            (p, e) =>
              e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled'
                ? applyOrderFill(p, e).position
                : p,
            flatPosition(BTC),
          );
          const signedFilled = side === 'buy' ? state.filled : state.filled.neg();
          expect(position.quantity.toString()).toBe(signedFilled.toString());
        },
      ),
      { numRuns: 300 },
    );
  });
});
