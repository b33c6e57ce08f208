/**
 * Replays a stream's events into its state: a decider's evolve and initial state, typed loosely
 * because the audit trail serves every context. Each context registers one for its stream prefix.
 */
export interface StreamReplayer {
  /** Streams whose id starts with this prefix are replayed by this replayer. */
  readonly streamPrefix: string;
  readonly name: string;
  replay(events: readonly { type: string; data: unknown }[]): unknown;
}

export function replayerFromEvolve<State, Event>(
  name: string,
  streamPrefix: string,
  initialState: () => State,
  evolve: (state: State, event: Event) => State,
): StreamReplayer {
  return {
    name,
    streamPrefix,
    // Events are stored whole in `data` (see AggregateRepository), so data is the domain event.
    replay: (events) => events.reduce((state, e) => evolve(state, e.data as Event), initialState()),
  };
}

/** The replayer with the longest matching prefix, so `orders-fills-` can refine `orders-`. */
export function replayerFor(
  replayers: readonly StreamReplayer[],
  streamId: string,
): StreamReplayer | undefined {
  return replayers
    .filter((r) => streamId.startsWith(r.streamPrefix))
    .sort((a, b) => b.streamPrefix.length - a.streamPrefix.length)[0];
}
