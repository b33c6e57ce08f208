import { KnownStates } from './known-states';

const append = (state: string, event: string): string => `${state}${event}`;

describe('KnownStates', () => {
  it('serves a state only to a reader that needs it at its version or older', () => {
    const known = new KnownStates<string>(10);
    known.remember('s', { state: 'ab', version: 2n });
    expect(known.atLeast('s', 2n)).toEqual({ state: 'ab', version: 2n });
    expect(known.atLeast('s', 1n)).toEqual({ state: 'ab', version: 2n });
    expect(known.atLeast('s', 3n)).toBeUndefined(); // the event handed over is newer: read the stream
    expect(known.atLeast('other', 0n)).toBeUndefined();
  });

  it('never goes back to an older state', () => {
    const known = new KnownStates<string>(10);
    known.remember('s', { state: 'abc', version: 3n });
    known.remember('s', { state: 'ab', version: 2n });
    expect(known.atLeast('s', 0n)?.state).toBe('abc');
  });

  it('folds the next event, ignores one it holds, and forgets the state on a gap', () => {
    const known = new KnownStates<string>(10);
    known.remember('s', { state: 'ab', version: 2n });
    known.apply('s', 'b', 2n, append); // already in
    expect(known.atLeast('s', 0n)).toEqual({ state: 'ab', version: 2n });
    known.apply('s', 'c', 3n, append);
    expect(known.atLeast('s', 0n)).toEqual({ state: 'abc', version: 3n });
    known.apply('s', 'e', 5n, append); // version 4 was never seen here
    expect(known.atLeast('s', 0n)).toBeUndefined();
    known.apply('s', 'f', 6n, append); // nothing known: nothing to fold onto
    expect(known.atLeast('s', 0n)).toBeUndefined();
  });

  it('evicts the least recently stored state beyond its capacity', () => {
    const known = new KnownStates<string>(2);
    known.remember('a', { state: 'a', version: 1n });
    known.remember('b', { state: 'b', version: 1n });
    known.remember('a', { state: 'aa', version: 2n }); // stored again: now the most recent
    known.remember('c', { state: 'c', version: 1n });
    expect(known.atLeast('b', 0n)).toBeUndefined();
    expect(known.atLeast('a', 0n)?.state).toBe('aa');
    expect(known.atLeast('c', 0n)?.state).toBe('c');
  });
});
