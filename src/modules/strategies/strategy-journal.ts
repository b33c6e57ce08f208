import { Injectable } from '@nestjs/common';
import {
  StrategyNotFoundError,
  strategyDecider,
  strategyStreamId,
  type StrategyLifecycleCommand,
  type StrategyLifecycleEvent,
  type StrategyLifecycleState,
} from '../../domain/strategy/lifecycle';
import {
  AggregateRepository,
  type HandleResult,
  type SnapshotPolicy,
} from '../../infrastructure/event-store/aggregate-repository';
import type { StoredEvent } from '../../infrastructure/event-store/event-store.types';
import { PostgresEventStore } from '../../infrastructure/event-store/postgres-event-store';

/** A busy strategy writes many signal events: loads start from a snapshot of the (small) state. */
const SNAPSHOT: SnapshotPolicy<StrategyLifecycleState> = {
  every: 100,
  schemaVersion: 1,
  type: 'strategy-lifecycle',
  serialize: (s) => s,
  deserialize: (raw) => raw as StrategyLifecycleState,
};

/** The runner, REST and stop all write one strategy stream: conflicts are re-decided. */
const RETRIES = 8;

/** The shape of a strategy id: any other names no strategy, and is not looked up. */
const STRATEGY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The strategy aggregate's stream: load, decide, append; and the events of one run. */
@Injectable()
export class StrategyJournal {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly store: PostgresEventStore,
  ) {}

  async load(strategyId: string): Promise<StrategyLifecycleState> {
    if (!STRATEGY_ID.test(strategyId)) throw new StrategyNotFoundError(strategyId);
    const { state } = await this.aggregates.load(strategyStreamId(strategyId), strategyDecider, SNAPSHOT);
    if (state.status === 'none') throw new StrategyNotFoundError(strategyId);
    return state;
  }

  async exists(strategyId: string): Promise<boolean> {
    if (!STRATEGY_ID.test(strategyId)) return false;
    const first = await this.store.readStream(strategyStreamId(strategyId), { maxCount: 1 });
    return first.length > 0;
  }

  async handle(
    strategyId: string,
    command: StrategyLifecycleCommand,
  ): Promise<HandleResult<StrategyLifecycleState, StrategyLifecycleEvent>> {
    if (command.type !== 'RegisterStrategy' && !STRATEGY_ID.test(strategyId))
      throw new StrategyNotFoundError(strategyId);
    try {
      return await this.aggregates.handle(strategyStreamId(strategyId), strategyDecider, command, {
        retries: RETRIES,
        snapshot: SNAPSHOT,
      });
    } catch (err) {
      // The decider refuses any command but RegisterStrategy on an empty stream, whose state has no id yet.
      if (err instanceof StrategyNotFoundError) throw new StrategyNotFoundError(strategyId);
      throw err;
    }
  }

  /**
   * Every stored event of the stream (run 0: the registration and reconfigurations before any run);
   * none for an unknown strategy.
   */
  async events(strategyId: string): Promise<StoredEvent[]> {
    if (!STRATEGY_ID.test(strategyId)) return [];
    return this.store.readStream(strategyStreamId(strategyId));
  }
}

/** The run an event belongs to: 0 for configuration events. */
export function runOf(e: StoredEvent): number {
  const data = e.data as Partial<{ run: number }>;
  return typeof data.run === 'number' ? data.run : 0;
}
