import { Injectable } from '@nestjs/common';
import type { StrategyRuntimeView, StrategySignal } from '../../../domain/strategy';
import { LiveQueue } from '../../../infrastructure/exchanges/sim/live-queue';

/** What the `strategy:{id}` topic carries. */
export type StrategyUpdate =
  | {
      readonly kind: 'state';
      readonly strategyId: string;
      readonly status: string;
      readonly run: number;
      readonly reason?: string;
      readonly at: string;
    }
  | {
      readonly kind: 'signal';
      readonly strategyId: string;
      readonly run: number;
      readonly signal: StrategySignal;
    }
  | {
      readonly kind: 'refused';
      readonly strategyId: string;
      readonly run: number;
      readonly ref: string;
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly kind: 'runtime';
      readonly strategyId: string;
      readonly run: number;
      readonly at: number;
      readonly table: StrategyRuntimeView | null;
    };

type Listener = (update: StrategyUpdate) => void;

/** The in-process feed of one strategy's updates (the runner and the stop publish, the topic listens). */
@Injectable()
export class StrategyUpdates {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(strategyId: string, listener: Listener): () => void {
    const set = this.listeners.get(strategyId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(strategyId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(strategyId);
    };
  }

  publish(update: StrategyUpdate): void {
    for (const listener of [...(this.listeners.get(update.strategyId) ?? [])]) {
      try {
        listener(update);
      } catch {
        // a listener's failure must not reach the runner
      }
    }
  }

  /** Updates as an async iterable, buffered while the consumer is busy, unsubscribed on return(). */
  stream(strategyId: string): AsyncIterable<StrategyUpdate> {
    return {
      [Symbol.asyncIterator]: () => {
        const queue: LiveQueue<StrategyUpdate> = new LiveQueue(() => unsubscribe());
        const unsubscribe = this.subscribe(strategyId, (u) => queue.push(u));
        return queue;
      },
    };
  }
}
