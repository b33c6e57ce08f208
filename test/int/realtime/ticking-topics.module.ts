import { Module, type OnModuleInit } from '@nestjs/common';
import {
  RealtimeModule,
  TopicSources,
  type ParsedTopic,
  type TopicSource,
} from '../../../src/modules/realtime';

export interface Tick {
  n: number;
  sentAt: number;
  pad: string;
}

interface TickParams {
  intervalMs: number;
  bytes: number;
}

/**
 * Test topics `tick-book:{intervalMs}:{bytes}` (latest value) and `tick-trades:{intervalMs}:{bytes}`
 * (sequence): an upstream that emits a numbered, timestamped payload of `bytes` every `intervalMs`,
 * so a test controls the load. `secret:{x}` is a topic only admins may see.
 */
class TickingTopicSource implements TopicSource<TickParams, Tick> {
  opened = 0;

  constructor(
    private readonly prefix: string,
    readonly conflation: 'latest' | 'sequence',
  ) {}

  parse(topic: string) {
    const match = new RegExp(`^${this.prefix}:(\\d+):(\\d+)$`).exec(topic);
    if (match === null)
      return { ok: false as const, error: { code: 'INVALID_TOPIC', message: 'bad tick topic' } };
    return {
      ok: true as const,
      topic: { topic, params: { intervalMs: Number(match[1]), bytes: Number(match[2]) } },
    };
  }

  authorize(): boolean {
    return true;
  }

  snapshot(): Promise<Tick> {
    return Promise.resolve({ n: 0, sentAt: Date.now(), pad: '' });
  }

  open({ params }: ParsedTopic<TickParams>): AsyncIterable<Tick> {
    this.opened += 1;
    return {
      [Symbol.asyncIterator]: () => {
        let n = 0;
        let wake: ((tick: IteratorResult<Tick>) => void) | undefined;
        const queue: Tick[] = [];
        const pad = 'x'.repeat(params.bytes);
        const timer = setInterval(() => {
          const tick = { n: ++n, sentAt: Date.now(), pad };
          if (wake !== undefined) {
            const resolve = wake;
            wake = undefined;
            resolve({ done: false, value: tick });
          } else queue.push(tick);
        }, params.intervalMs);
        return {
          next: () => {
            const queued = queue.shift();
            if (queued !== undefined) return Promise.resolve({ done: false, value: queued });
            return new Promise<IteratorResult<Tick>>((resolve) => (wake = resolve));
          },
          return: () => {
            clearInterval(timer);
            wake?.({ done: true, value: undefined });
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
  }
}

/**
 * `finite:{count}:{fail|end}`: yields `count` numbers 20 ms apart, then throws (`fail`) or ends
 * (`end`). Counts the upstreams opened and the discontinuities reported.
 */
class FiniteTopicSource implements TopicSource<{ count: number; then: string }, number> {
  readonly conflation = 'sequence';
  opened = 0;
  discontinuities = 0;

  parse(topic: string) {
    const match = /^finite:(\d+):(fail|end)$/.exec(topic);
    if (match === null)
      return { ok: false as const, error: { code: 'INVALID_TOPIC', message: 'finite:{n}:{fail|end}' } };
    return {
      ok: true as const,
      topic: { topic, params: { count: Number(match[1]), then: match[2] ?? 'end' } },
    };
  }

  authorize(): boolean {
    return true;
  }

  open({ params }: ParsedTopic<{ count: number; then: string }>): AsyncIterable<number> {
    this.opened += 1;
    return (async function* () {
      for (let i = 1; i <= params.count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield i;
      }
      if (params.then === 'fail') throw new Error('the upstream broke');
    })();
  }

  onDiscontinuity(): void {
    this.discontinuities += 1;
  }
}

/** `broken-snapshot:{x}`: its snapshot fails; its upstream yields 1, 2, 3 ... every 20 ms. */
class BrokenSnapshotTopicSource implements TopicSource<null, number> {
  readonly conflation = 'sequence';
  parse(topic: string) {
    return { ok: true as const, topic: { topic, params: null } };
  }
  authorize(): boolean {
    return true;
  }
  snapshot(): Promise<number> {
    return Promise.reject(new Error('the venue refused the snapshot'));
  }
  open(): AsyncIterable<number> {
    return (async function* () {
      for (let i = 1; ; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield i;
      }
    })();
  }
}

/**
 * `slow-parse:{x}`: parse waits for the next delay in `parseDelaysMs` (0 once they are used up), so a
 * test can make an earlier request of a socket take longer than a later one. Its upstream never yields.
 */
class SlowParseTopicSource implements TopicSource<null, number> {
  readonly conflation = 'sequence';
  readonly parseDelaysMs: number[] = [];
  async parse(topic: string) {
    await new Promise((resolve) => setTimeout(resolve, this.parseDelaysMs.shift() ?? 0));
    return { ok: true as const, topic: { topic, params: null } };
  }
  authorize(): boolean {
    return true;
  }
  open(): AsyncIterable<number> {
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => undefined),
        return: () => Promise.resolve({ done: true as const, value: undefined }),
      }),
    };
  }
}

/**
 * `quiet:{x}`: an async-generator upstream (like the ccxt venue streams) that yields only when the
 * test calls `emit()`. Its `return()` waits for the pending `next()`, so a closed upstream stays
 * live until the next message; `live` and `maxLive` count the generators running at once, `opened`
 * the upstreams opened, `waiting` the generators waiting for the next `emit()` (which wakes only those).
 */
class QuietTopicSource implements TopicSource<null, number> {
  readonly conflation = 'latest';
  live = 0;
  maxLive = 0;
  opened = 0;
  private wakers: (() => void)[] = [];

  get waiting(): number {
    return this.wakers.length;
  }

  emit(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  parse(topic: string) {
    return { ok: true as const, topic: { topic, params: null } };
  }
  authorize(): boolean {
    return true;
  }
  open(): AsyncIterable<number> {
    this.opened += 1;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return (async function* () {
      self.live += 1;
      self.maxLive = Math.max(self.maxLive, self.live);
      try {
        for (let n = 1; ; n++) {
          await new Promise<void>((resolve) => self.wakers.push(resolve));
          yield n;
        }
      } finally {
        self.live -= 1; // where a venue stream would unsubscribe (ccxt: for every watcher of the symbol)
      }
    })();
  }
}

/**
 * `flaky:{x}`: a hand-made iterator (like a feed's listener) whose next() rejects once, after its
 * first value; `listening` counts the listeners not yet released by return().
 */
class FlakyTopicSource implements TopicSource<null, number> {
  readonly conflation = 'sequence';
  listening = 0;
  opened = 0;

  parse(topic: string) {
    return { ok: true as const, topic: { topic, params: null } };
  }
  authorize(): boolean {
    return true;
  }
  open(): AsyncIterable<number> {
    const first = this.opened === 0;
    this.opened += 1;
    this.listening += 1;
    let calls = 0;
    let released = false;
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<number>> => {
          calls += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (first && calls === 2) throw new Error('the feed broke');
          return { done: false, value: calls };
        },
        return: () => {
          if (!released) this.listening -= 1;
          released = true;
          return Promise.resolve({ done: true as const, value: undefined });
        },
      }),
    };
  }
}

class SecretTopicSource implements TopicSource<null, string> {
  readonly conflation = 'latest';
  parse(topic: string) {
    return { ok: true as const, topic: { topic, params: null } };
  }
  authorize(_topic: ParsedTopic<null>, key: { role: string }): boolean {
    return key.role === 'admin';
  }
  open(): AsyncIterable<string> {
    return {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<string>>(() => undefined) }),
    };
  }
}

@Module({ imports: [RealtimeModule] })
export class TickingTopicsModule implements OnModuleInit {
  static readonly book = new TickingTopicSource('tick-book', 'latest');
  static readonly trades = new TickingTopicSource('tick-trades', 'sequence');
  static readonly finite = new FiniteTopicSource();
  static readonly slowParse = new SlowParseTopicSource();
  static readonly quiet = new QuietTopicSource();
  static readonly flaky = new FlakyTopicSource();

  constructor(private readonly topics: TopicSources) {}

  onModuleInit(): void {
    this.topics.register('tick-book', TickingTopicsModule.book);
    this.topics.register('tick-trades', TickingTopicsModule.trades);
    this.topics.register('secret', new SecretTopicSource());
    this.topics.register('finite', TickingTopicsModule.finite);
    this.topics.register('broken-snapshot', new BrokenSnapshotTopicSource());
    this.topics.register('slow-parse', TickingTopicsModule.slowParse);
    this.topics.register('quiet', TickingTopicsModule.quiet);
    this.topics.register('flaky', TickingTopicsModule.flaky);
  }
}
