import type { Decider } from '../decider';
import { DomainError } from '../domain-error';
import { deciderSpec } from './decider-spec';

class AlreadyClosedError extends DomainError {
  readonly code = 'ALREADY_CLOSED';
  readonly kind = 'conflict';
}

type Command = { type: 'Open' } | { type: 'Close'; at: number };
type Event = { type: 'Opened' } | { type: 'Closed'; at: number };
type State = { status: 'new' | 'open' | 'closed' };

const door: Decider<State, Command, Event> = {
  initialState: () => ({ status: 'new' }),
  evolve: (_state, event) => ({ status: event.type === 'Opened' ? 'open' : 'closed' }),
  decide: (command, state) => {
    if (state.status === 'closed') throw new AlreadyClosedError('closed', { status: state.status });
    return command.type === 'Open' ? [{ type: 'Opened' }] : [{ type: 'Closed', at: command.at }];
  },
};

describe('deciderSpec', () => {
  it('folds the given events and compares the decided ones', () => {
    deciderSpec(door)
      .given([{ type: 'Opened' }])
      .when({ type: 'Close', at: 5 })
      .then([{ type: 'Closed', at: 5 }]);
  });

  it('fails when the decided events differ', () => {
    expect(() =>
      deciderSpec(door)
        .given([])
        .when({ type: 'Open' })
        .then([{ type: 'Closed', at: 1 }]),
    ).toThrow();
  });

  it('checks a refusal by error class and details', () => {
    deciderSpec(door)
      .given([{ type: 'Opened' }, { type: 'Closed', at: 1 }])
      .when({ type: 'Open' })
      .thenThrows(AlreadyClosedError, { status: 'closed' });
    expect(() => deciderSpec(door).given([]).when({ type: 'Open' }).thenThrows(AlreadyClosedError)).toThrow();
  });
});
