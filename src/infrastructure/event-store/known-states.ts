import type { Loaded } from './aggregate-repository';

/**
 * The last state this process saw of recently used streams, with the version it is at: what it
 * appended itself, or what it loaded. A reader that needs a state at least as new as an event it
 * was handed (`atLeast`) is served from memory instead of re-reading the stream. Such a state may be
 * behind the stream's head (another instance appended since), so whoever appends on it must append
 * expecting its version, and reload on a conflict. Bounded: the least recently stored goes first.
 */
export class KnownStates<State> {
  private readonly states = new Map<string, Loaded<State>>();

  constructor(private readonly capacity: number) {}

  /** Keeps a state unless a newer one is known already. */
  remember(id: string, loaded: Loaded<State>): void {
    const known = this.states.get(id);
    if (known !== undefined && known.version > loaded.version) return;
    this.states.delete(id); // re-inserted last: the map's order is the eviction order
    this.states.set(id, loaded);
    if (this.states.size > this.capacity) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
  }

  /** The known state when it is at `version` or later; undefined when the stream must be read. */
  atLeast(id: string, version: bigint): Loaded<State> | undefined {
    const known = this.states.get(id);
    return known !== undefined && known.version >= version ? known : undefined;
  }

  /**
   * Folds an event handed over in stream order: applied when it is the next version of the known
   * state, ignored when the state already holds it; a gap forgets the state (the next reader reloads).
   */
  apply<Event>(id: string, event: Event, version: bigint, evolve: (s: State, e: Event) => State): void {
    const known = this.states.get(id);
    if (known === undefined || version <= known.version) return;
    if (version !== known.version + 1n) {
      this.states.delete(id);
      return;
    }
    this.remember(id, { state: evolve(known.state, event), version });
  }

  forget(id: string): void {
    this.states.delete(id);
  }
}
