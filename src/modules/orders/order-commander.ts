import { Injectable } from '@nestjs/common';
import {
  InvalidOrderTransitionError,
  decideOrder,
  evolveOrder,
  initialOrderState,
  orderDecider,
  type OrderCommand,
  type OrderEvent,
  type OrderState,
} from '../../domain/orders';
import type { Decider } from '../../domain/shared/decider';
import {
  AggregateRepository,
  type HandleResult,
  type Loaded,
} from '../../infrastructure/event-store/aggregate-repository';
import { KeyedTurns } from '../../infrastructure/concurrency/keyed-turns';
import { deterministicEventId } from '../../infrastructure/event-store/event-ids';
import { WrongExpectedVersionError } from '../../infrastructure/event-store/event-store.errors';
import { ExpectedVersion } from '../../infrastructure/event-store/event-store.types';
import { KnownStates } from '../../infrastructure/event-store/known-states';
import { PostgresEventStore, newEventId } from '../../infrastructure/event-store/postgres-event-store';
import { orderStreamId } from './order-ids';

/** Concurrent writers of one order (venue streams, the process manager, users) re-decide on conflict. */
const RETRIES = 8;
/** Orders remembered as final here, so the venue's echo of a final state costs no read. */
const SETTLED_MEMORY = 10_000;
/** Orders whose last state (and version) this process keeps, so the execution step after a placement reads nothing. */
const KNOWN_ORDERS = 10_000;

function isSettled(state: OrderState): boolean {
  const final =
    state.status === 'filled' ||
    state.status === 'cancelled' ||
    state.status === 'rejected' ||
    state.status === 'expired';
  return final && state.venueOrderId !== null;
}

/**
 * Runs commands on order streams: load (or take the state this process last saw), decide, append,
 * retrying on a version conflict. Writers of one order in this process take turns, so the venue's
 * stream and the process manager reporting the same ack decide one after the other, on each
 * other's result, instead of both appending and one failing on the version.
 */
@Injectable()
export class OrderCommander {
  private readonly settled = new Set<string>();
  private readonly known = new KnownStates<OrderState>(KNOWN_ORDERS);
  /** Per order, the writes queued here. */
  private readonly turns = new KeyedTurns();

  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly store: PostgresEventStore,
  ) {}

  /** True when this process saw the order final and named at the venue: nothing a report says changes it. */
  isSettled(orderId: string): boolean {
    return this.settled.has(orderId);
  }

  run(
    orderId: string,
    command: OrderCommand,
    idempotencyKey?: string,
  ): Promise<HandleResult<OrderState, OrderEvent>> {
    return this.inTurn(orderId, () => this.handle(orderId, orderDecider, command, idempotencyKey));
  }

  /**
   * Several venue facts in one append (the ack and the cancel of an IOC remainder): each command is
   * decided on the state the previous ones left; one the order no longer allows is skipped.
   */
  runAll(orderId: string, commands: readonly OrderCommand[]): Promise<HandleResult<OrderState, OrderEvent>> {
    return this.inTurn(orderId, () => this.handleAll(orderId, commands));
  }

  /**
   * runAll on a state the caller has loaded, or on a newer one written here since: appended
   * expecting its version, without reading the stream; a writer elsewhere makes it reload.
   */
  runAllFrom(
    orderId: string,
    loaded: Loaded<OrderState>,
    commands: readonly OrderCommand[],
  ): Promise<{ state: OrderState; events: OrderEvent[]; version: bigint }> {
    return this.inTurn(orderId, async () => {
      const base = this.known.atLeast(orderId, loaded.version + 1n) ?? loaded;
      return (await this.appendOn(orderId, base, commands)) ?? this.handleAll(orderId, commands);
    });
  }

  /**
   * What a venue reports about an order (an ack, a cancel, a rejection), decided on the state this
   * process last saw when it has one. Such a state is never ahead of the stream, and these reports
   * only move an order forward: one that changes nothing there changes nothing on the stream either.
   */
  runReport(orderId: string, commands: readonly OrderCommand[]): Promise<{ events: OrderEvent[] }> {
    return this.inTurn(orderId, async () => {
      const known = this.known.atLeast(orderId, 0n);
      const result = known === undefined ? null : await this.appendOn(orderId, known, commands);
      return result ?? this.handleAll(orderId, commands);
    });
  }

  /**
   * One venue report with an idempotency key (a fill, keyed by the venue's fill id) decided as
   * runReport. A refusal is re-checked on the stream (the caller tells an unknown order from a
   * final one), and so is a conflict with a writer elsewhere.
   */
  runKnown(
    orderId: string,
    command: OrderCommand,
    idempotencyKey: string,
  ): Promise<{ state: OrderState; events: OrderEvent[] }> {
    return this.inTurn(orderId, async () => {
      const known = this.known.atLeast(orderId, 0n);
      const events = known === undefined ? null : decideOrRefuse(command, known.state);
      if (known !== undefined && events !== null) {
        if (events.length === 0) return { ...known, events };
        const result = await this.appendDecided(orderId, known, events, idempotencyKey);
        if (result !== null) return result;
      }
      return this.handle(orderId, orderDecider, command, idempotencyKey);
    });
  }

  /**
   * A new order: decided on an empty stream and appended expecting none, without a read (the common
   * case). When the stream exists (the same clientOrderId again, maybe concurrently), the general
   * path loads and re-decides. The events appended, or null when the order existed already.
   */
  create<C extends OrderCommand>(
    orderId: string,
    decider: Decider<OrderState, C, OrderEvent>,
    command: C,
  ): Promise<OrderEvent[] | null> {
    return this.inTurn(orderId, async () => {
      const none: Loaded<OrderState> = { state: initialOrderState(), version: 0n };
      const events = [...decider.decide(command, none.state)];
      const created = events.length === 0 ? null : await this.appendDecided(orderId, none, events);
      if (created !== null) return created.events;
      const result = await this.handle(orderId, decider, command);
      return result.events.length === 0 ? null : result.events;
    });
  }

  async load(orderId: string): Promise<OrderState> {
    return (await this.loadWithVersion(orderId)).state;
  }

  async loadWithVersion(orderId: string): Promise<Loaded<OrderState>> {
    return this.remember(orderId, await this.aggregates.load(orderStreamId(orderId), orderDecider));
  }

  /**
   * The order at `version` or later, for a handler of the event at that version: from memory when
   * this process knows it (it placed or last wrote the order), else read. Appending on it expects
   * its version, so a state that another writer has overtaken meanwhile is re-decided, not trusted.
   */
  loadAtLeast(orderId: string, version: bigint): Promise<Loaded<OrderState>> {
    const known = this.known.atLeast(orderId, version);
    return known === undefined ? this.loadWithVersion(orderId) : Promise.resolve(known);
  }

  /** Runs `work` after the writes of this order queued before it (whatever their outcome). */
  private inTurn<T>(orderId: string, work: () => Promise<T>): Promise<T> {
    return this.turns.run(orderId, work);
  }

  private handle<C extends OrderCommand>(
    orderId: string,
    decider: Decider<OrderState, C, OrderEvent>,
    command: C,
    idempotencyKey?: string,
  ): Promise<HandleResult<OrderState, OrderEvent>> {
    return this.aggregates
      .handle(orderStreamId(orderId), decider, command, {
        retries: RETRIES,
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      })
      .then((r) => this.remember(orderId, r));
  }

  private handleAll(
    orderId: string,
    commands: readonly OrderCommand[],
  ): Promise<HandleResult<OrderState, OrderEvent>> {
    return this.handle(orderId, inSequence(commands), commands[0] ?? { type: 'AcceptOrder', at: '' });
  }

  /** Decides on `base` and appends expecting its version: null when the stream has moved on. */
  private appendOn(
    orderId: string,
    base: Loaded<OrderState>,
    commands: readonly OrderCommand[],
  ): Promise<{ state: OrderState; events: OrderEvent[]; version: bigint } | null> {
    const events = [
      ...inSequence(commands).decide(commands[0] ?? { type: 'AcceptOrder', at: '' }, base.state),
    ];
    if (events.length === 0) return Promise.resolve({ ...base, events });
    return this.appendDecided(orderId, base, events);
  }

  private async appendDecided(
    orderId: string,
    base: Loaded<OrderState>,
    events: OrderEvent[],
    idempotencyKey?: string,
  ): Promise<{ state: OrderState; events: OrderEvent[]; version: bigint } | null> {
    const streamId = orderStreamId(orderId);
    try {
      const append = await this.store.append(
        streamId,
        events.map((e, i) => ({
          // The ids the general path (AggregateRepository) gives a keyed command: either path records it once.
          eventId:
            idempotencyKey === undefined
              ? newEventId()
              : deterministicEventId(idempotencyKey, streamId, String(i)),
          type: e.type,
          data: e,
        })),
        base.version === 0n ? ExpectedVersion.NoStream : ExpectedVersion.exactly(base.version),
      );
      if (append.replayed) return null; // recorded before under this key: the general path answers
      return this.remember(orderId, {
        state: events.reduce(evolveOrder, base.state),
        events,
        version: append.nextVersion,
      });
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) return null;
      throw err;
    }
  }

  private remember<R extends Loaded<OrderState>>(orderId: string, result: R): R {
    this.known.remember(orderId, { state: result.state, version: result.version });
    if (isSettled(result.state) && !this.settled.has(orderId)) {
      this.settled.add(orderId);
      if (this.settled.size > SETTLED_MEMORY) {
        const oldest = this.settled.values().next().value;
        if (oldest !== undefined) this.settled.delete(oldest);
      }
    }
    return result;
  }
}

/** The events a command yields, or null when the order refuses it. */
function decideOrRefuse(command: OrderCommand, state: OrderState): OrderEvent[] | null {
  try {
    return decideOrder(command, state);
  } catch (err) {
    if (err instanceof InvalidOrderTransitionError) return null;
    throw err;
  }
}

function inSequence(commands: readonly OrderCommand[]): Decider<OrderState, OrderCommand, OrderEvent> {
  return {
    initialState: initialOrderState,
    evolve: evolveOrder,
    decide: (_first, state) => {
      const events: OrderEvent[] = [];
      let current = state;
      for (const command of commands) {
        try {
          const decided = decideOrder(command, current);
          events.push(...decided);
          current = decided.reduce(evolveOrder, current);
        } catch (err) {
          if (!(err instanceof InvalidOrderTransitionError)) throw err;
        }
      }
      return events;
    },
  };
}
