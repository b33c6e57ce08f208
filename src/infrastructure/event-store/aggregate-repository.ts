import type { Decider } from '../../domain/shared/decider';
import { deterministicEventId } from './event-ids';
import { WrongExpectedVersionError } from './event-store.errors';
import { ExpectedVersion, type AppendResult, type NewEvent, type StoredEvent } from './event-store.types';
import { newEventId, type PostgresEventStore, type TransactionAppend } from './postgres-event-store';
import type { SnapshotStore } from './snapshot-store';

/** How a decider's state is stored in snapshots (omit to never snapshot). */
export interface SnapshotPolicy<State> {
  /** Take a snapshot when the stream has grown this many events past the last one. */
  every: number;
  /** Bump when the state's shape changes: older snapshots are then ignored. */
  schemaVersion: number;
  type: string;
  serialize(state: State): unknown;
  deserialize(raw: unknown): State;
}

export interface HandleOptions<State> {
  /** Retries after WrongExpectedVersion, re-loading and re-deciding (only for commands safe to re-decide). */
  retries?: number;
  snapshot?: SnapshotPolicy<State>;
  /**
   * Makes the command idempotent: event ids derive from this key, and a stream already holding the
   * first of them answers as before without deciding again (process managers pass the causing event id).
   */
  idempotencyKey?: string;
}

export interface HandleResult<State, Event> {
  state: State;
  events: Event[];
  version: bigint;
  /** True when the idempotency key had been handled before and nothing was appended. */
  replayed: boolean;
  append: AppendResult | null;
}

export interface Loaded<State> {
  state: State;
  version: bigint;
}

/** Load (snapshot + events), decide, append with the expected version. */
export class AggregateRepository {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly snapshots: SnapshotStore,
  ) {}

  async load<State, Command extends { type: string }, Event extends { type: string }>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    snapshot?: SnapshotPolicy<State>,
  ): Promise<Loaded<State>> {
    let state = decider.initialState();
    let version = 0n;
    if (snapshot !== undefined) {
      const stored = await this.snapshots.load(streamId);
      if (
        stored !== null &&
        stored.snapshotType === snapshot.type &&
        stored.schemaVersion === snapshot.schemaVersion
      ) {
        state = snapshot.deserialize(stored.state);
        version = stored.version;
      }
    }
    const events = await this.store.readStream(streamId, { fromVersion: version + 1n });
    for (const e of events) {
      state = decider.evolve(state, toDomainEvent<Event>(e));
      version = e.streamVersion;
    }
    return { state, version };
  }

  async handle<State, Command extends { type: string }, Event extends { type: string }>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    options: HandleOptions<State> = {},
  ): Promise<HandleResult<State, Event>> {
    const { retries = 0, snapshot, idempotencyKey } = options;
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(streamId, decider, snapshot);
      if (idempotencyKey !== undefined && (await this.alreadyHandled(streamId, idempotencyKey, version))) {
        return { state, events: [], version, replayed: true, append: null };
      }
      const events = [...decider.decide(command, state)];
      if (events.length === 0) return { state, events, version, replayed: false, append: null };
      const newEvents = toNewEvents(events, streamId, idempotencyKey);
      try {
        const expected = version === 0n ? ExpectedVersion.NoStream : ExpectedVersion.exactly(version);
        const append = await this.store.append(streamId, newEvents, expected);
        if (append.replayed) {
          // Another handler of the same idempotency key won: its events are in, ours were not written.
          const current = await this.load(streamId, decider, snapshot);
          return { state: current.state, events: [], version: current.version, replayed: true, append };
        }
        const next = events.reduce(decider.evolve, state);
        if (snapshot !== undefined)
          await this.maybeSnapshot(streamId, next, version, append.nextVersion, snapshot);
        return { state: next, events, version: append.nextVersion, replayed: false, append };
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || attempt >= retries) throw err;
      }
    }
  }

  /**
   * Starts a new stream inside the caller's transaction (PostgresEventStore.inTransaction), so that
   * rows written there commit with its first events: decided on the initial state, appended as a
   * new stream.
   */
  async startWithin<State, Command extends { type: string }, Event extends { type: string }>(
    append: TransactionAppend,
    streamId: string,
    decider: Decider<State, Command, Event>,
    command: Command,
  ): Promise<{ events: Event[]; append: AppendResult }> {
    const events = [...decider.decide(command, decider.initialState())];
    const result = await append(streamId, toNewEvents(events, streamId), ExpectedVersion.NoStream);
    return { events, append: result };
  }

  private async alreadyHandled(streamId: string, key: string, version: bigint): Promise<boolean> {
    if (version === 0n) return false;
    return this.store.hasEvent(streamId, deterministicEventId(key, streamId, '0'));
  }

  private async maybeSnapshot<State>(
    streamId: string,
    state: State,
    before: bigint,
    after: bigint,
    policy: SnapshotPolicy<State>,
  ): Promise<void> {
    const every = BigInt(policy.every);
    if (after / every === before / every) return;
    // A snapshot is a cache: failing to take one must not fail a command whose events are stored.
    try {
      await this.snapshots.save({
        streamId,
        version: after,
        snapshotType: policy.type,
        schemaVersion: policy.schemaVersion,
        state: policy.serialize(state),
      });
    } catch {
      return;
    }
  }
}

/** Domain events are stored whole in `data`: the stored event's data is the domain event. */
function toDomainEvent<Event>(stored: StoredEvent): Event {
  return stored.data as Event;
}

/** The events to append: random ids, or ids derived from the idempotency key (a replay finds them). */
function toNewEvents(
  events: readonly { type: string }[],
  streamId: string,
  idempotencyKey?: string,
): NewEvent[] {
  return events.map((event, i) => ({
    eventId:
      idempotencyKey === undefined ? newEventId() : deterministicEventId(idempotencyKey, streamId, String(i)),
    type: event.type,
    data: event,
  }));
}
