import type { Socket } from 'socket.io';
import type { AuthenticatedKey } from '../auth';
import type { ConflationKind } from './topic-source';
import type { TopicMessage } from './stream-messages';

/** What a lagging socket was not sent on one topic, to be made up when it catches up. */
interface MissedUpdates {
  kind: ConflationKind;
  /** latest-value topics: the newest update not sent. */
  latest?: TopicMessage;
  /** sequence topics: the range not sent. */
  missed: number;
  fromSeq: number;
  toSeq: number;
}

/** A socket with this many times STREAM_CLIENT_MAX_BUFFERED packets unsent is disconnected. */
const OVERLOAD_FACTOR = 4;

interface EngineSocketInternals {
  writeBuffer?: unknown[];
  transport?: { writable?: boolean };
}

/**
 * One connected socket: its key, its topics and, while it lags, what it was not sent. A socket lags
 * when the packets waiting in its engine.io write buffer pass the limit (the kernel socket is full:
 * the client does not read). Lagging sockets leave their topic rooms, so the room broadcast no longer
 * writes to them and never waits for them.
 */
export class StreamClient {
  readonly topics = new Set<string>();
  private missedByTopic = new Map<string, MissedUpdates>();
  private laggingSince: number | null = null;
  /** The socket's subscribe/unsubscribe requests, run one after another in the order they came. */
  private requests: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    readonly key: AuthenticatedKey,
  ) {}

  get id(): string {
    return this.socket.id;
  }

  get lagging(): boolean {
    return this.laggingSince !== null;
  }

  /**
   * Runs `request` after the socket's earlier requests have been answered: a subscribe whose topic
   * check is slow (a database lookup) is not overtaken by the unsubscribe sent after it.
   */
  serially(request: () => Promise<void>): Promise<void> {
    const run = this.requests.then(request);
    this.requests = run.catch(() => undefined);
    return run;
  }

  /** Packets accepted by socket.io but not yet handed to the transport. */
  backlog(): number {
    return (this.socket.conn as unknown as EngineSocketInternals).writeBuffer?.length ?? 0;
  }

  /**
   * Far past the slow-client limit: lagging stops topic updates, but acks and snapshots are still
   * queued, so a client that never reads yet keeps sending requests would grow them without bound.
   */
  overloaded(maxBuffered: number): boolean {
    return this.backlog() > OVERLOAD_FACTOR * maxBuffered;
  }

  /** Nothing waiting and the transport ready: the client reads again. */
  caughtUp(): boolean {
    const engine = this.socket.conn as unknown as EngineSocketInternals;
    return (engine.writeBuffer?.length ?? 0) === 0 && engine.transport?.writable === true;
  }

  startLagging(now: number): void {
    if (this.laggingSince !== null) return;
    this.laggingSince = now;
    for (const topic of this.topics) void this.socket.leave(topic);
  }

  /** Records an update this lagging socket is not sent; answers true when it replaced (conflated) one. */
  miss(kind: ConflationKind, message: TopicMessage): boolean {
    const missed = this.missedByTopic.get(message.topic);
    if (kind === 'latest') {
      const replaced = missed?.latest !== undefined;
      this.missedByTopic.set(message.topic, { kind, latest: message, missed: 0, fromSeq: 0, toSeq: 0 });
      return replaced;
    }
    if (missed === undefined) {
      this.missedByTopic.set(message.topic, {
        kind,
        missed: 1,
        fromSeq: message.seq,
        toSeq: message.seq,
      });
    } else {
      missed.missed += 1;
      missed.toSeq = message.seq;
    }
    return false;
  }

  /** Ends lagging: answers what was missed per topic (the caller sends it and rejoins the rooms). */
  stopLagging(): Map<string, MissedUpdates> {
    const missed = this.missedByTopic;
    this.missedByTopic = new Map();
    this.laggingSince = null;
    return missed;
  }

  forget(topic: string): void {
    this.topics.delete(topic);
    this.missedByTopic.delete(topic);
  }
}
