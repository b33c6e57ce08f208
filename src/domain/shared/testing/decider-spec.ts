import type { Decider } from '../decider';

/**
 * given(events).when(command).then(events): the decider test helper (STYLE.md, Emmett).
 *
 *   deciderSpec(orderDecider).given([placed]).when(fill).then([partiallyFilled]);
 *   deciderSpec(orderDecider).given([filled]).when(cancel).thenThrows(InvalidTransitionError);
 */
export function deciderSpec<State, Command extends { type: string }, Event extends { type: string }>(
  decider: Decider<State, Command, Event>,
) {
  return {
    given(events: readonly Event[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: Command) {
          const run = (): readonly Event[] => decider.decide(command, state);
          return {
            then(expected: readonly Event[]): void {
              expect(run()).toEqual(expected);
            },
            thenThrows(
              error: abstract new (...args: never[]) => Error,
              details?: Record<string, unknown>,
            ): void {
              let thrown: unknown;
              try {
                run();
              } catch (err) {
                thrown = err;
              }
              expect(thrown).toBeInstanceOf(error);
              if (details !== undefined) expect(thrown).toMatchObject({ details });
            },
          };
        },
      };
    },
  };
}
