import { Injectable } from '@nestjs/common';
import type { OrderView } from '../../../domain/orders';
import type { PositionRecord } from '../../../domain/positions';

export type TradingTopic = 'orders' | 'positions';

export interface OrderChange {
  readonly kind: 'order';
  readonly eventType: string;
  readonly position: string;
  readonly order: OrderView;
}

export interface PositionChange {
  readonly kind: 'position';
  readonly eventType: string;
  readonly position: string;
  readonly accountId: string;
  readonly record: PositionRecord;
}

export type TradingChange<T extends TradingTopic> = T extends 'orders' ? OrderChange : PositionChange;

type Listener<T extends TradingTopic> = (change: TradingChange<T>) => void;

/**
 * The in-process feed of order and position changes per account, fed by the projections once their
 * transaction has committed (afterCommit): a listener only hears what a reader can already see.
 * The realtime gateway turns it into the `orders:{accountId}` and `positions:{accountId}` topics.
 */
@Injectable()
export class TradingFeed {
  private readonly listeners = {
    orders: new Map<string, Set<Listener<'orders'>>>(),
    positions: new Map<string, Set<Listener<'positions'>>>(),
  };

  private readonly everyAccount = {
    orders: new Set<Listener<'orders'>>(),
    positions: new Set<Listener<'positions'>>(),
  };

  /** Hears the changes of every account (the loss monitor). */
  subscribeAll<T extends TradingTopic>(topic: T, listener: Listener<T>): () => void {
    const set = this.everyAccount[topic] as Set<Listener<T>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  subscribe<T extends TradingTopic>(topic: T, accountId: string, listener: Listener<T>): () => void {
    const byAccount = this.listeners[topic] as Map<string, Set<Listener<T>>>;
    const set = byAccount.get(accountId) ?? new Set<Listener<T>>();
    set.add(listener);
    byAccount.set(accountId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) byAccount.delete(accountId);
    };
  }

  publish<T extends TradingTopic>(topic: T, accountId: string, change: TradingChange<T>): void {
    const own = (this.listeners[topic] as Map<string, Set<Listener<T>>>).get(accountId) ?? [];
    const all = this.everyAccount[topic] as Set<Listener<T>>;
    for (const listener of [...own, ...all]) {
      try {
        listener(change);
      } catch {
        // One listener's failure must not starve the others (nor the projection that publishes).
      }
    }
  }

  /**
   * The changes of one topic and account as an async iterable (what a realtime TopicSource opens):
   * buffered while the consumer is busy, unsubscribed when it stops iterating.
   */
  stream<T extends TradingTopic>(topic: T, accountId: string): AsyncIterable<TradingChange<T>> {
    return {
      [Symbol.asyncIterator]: () => {
        const buffer: TradingChange<T>[] = [];
        let wake: (() => void) | null = null;
        let done = false;
        const unsubscribe = this.subscribe(topic, accountId, (change) => {
          buffer.push(change);
          wake?.();
        });
        return {
          next: async (): Promise<IteratorResult<TradingChange<T>>> => {
            while (!done && buffer.length === 0) await new Promise<void>((r) => (wake = r));
            wake = null;
            const value = buffer.shift();
            return value === undefined || done ? { done: true, value: undefined } : { done: false, value };
          },
          return: (): Promise<IteratorResult<TradingChange<T>>> => {
            done = true;
            unsubscribe();
            wake?.();
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
  }
}
