import type { Decider } from '../../src/domain/shared/decider';
import { DomainError } from '../../src/domain/shared/domain-error';

/** A tiny decider for store tests: a counter that refuses to go above its limit. */
export type CounterCommand = { type: 'Increment'; by: number };
export type CounterEvent = { type: 'Incremented'; by: number; total: number };
export interface CounterState {
  total: number;
}

export class LimitExceededError extends DomainError {
  readonly code = 'LIMIT_EXCEEDED';
  readonly kind = 'refused';
}

export const counterDecider: Decider<CounterState, CounterCommand, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.by }),
  decide: (command, state) => {
    if (state.total + command.by > 1_000_000) throw new LimitExceededError('limit', { total: state.total });
    return [{ type: 'Incremented', by: command.by, total: state.total + command.by }];
  },
};
