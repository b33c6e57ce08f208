/**
 * A decider (Emmett style): pure functions over discriminated unions. Time and ids arrive inside the
 * command, never read here. decide() throws a DomainError to refuse a command.
 */
export interface Decider<State, Command extends { type: string }, Event extends { type: string }> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
}

export function fold<State, Event>(
  evolve: (s: State, e: Event) => State,
  initial: State,
  events: readonly Event[],
): State {
  return events.reduce(evolve, initial);
}

/** The end of every exhaustive switch: an unhandled case fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
