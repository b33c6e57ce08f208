import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ROOT_LOGGER } from '../../infrastructure/observability/observability.tokens';
import { LaggingClients } from './lagging-clients';
import {
  streamConflated,
  streamGaps,
  streamMessagesSent,
  streamSubscribers,
  streamUpstreams,
} from './realtime.metrics';
import type { StreamClient } from './stream-client';
import { StreamEvents, type GapNotice, type TopicMessage } from './stream-messages';
import { topicPrefix, type ParsedTopic, type TopicSource } from './topic-source';

interface Subscription {
  client: StreamClient;
  /** `snapshot`: waiting for its snapshot, updates are held in `held`; `live`: in the topic's room. */
  phase: 'snapshot' | 'live';
  held: TopicMessage[];
}

interface Upstream {
  topic: ParsedTopic;
  source: TopicSource;
  kind: string;
  seq: number;
  /** The newest update of a latest-value topic: the snapshot of the next subscriber. */
  last: TopicMessage | undefined;
  subscribers: Map<string, Subscription>;
  iterator: AsyncIterator<unknown> | undefined;
  closeTimer: NodeJS.Timeout | undefined;
  closed: boolean;
}

/** Updates held for one subscriber while its snapshot is fetched, before the snapshot is given up. */
const MAX_HELD_DURING_SNAPSHOT = 10_000;
/** A snapshot not fetched by then is given up (a stream_error SNAPSHOT_FAILED, then the updates). */
const SNAPSHOT_TIMEOUT_MS = 10_000;
const MAX_REOPEN_DELAY_MS = 30_000;

/**
 * Exactly one upstream per active topic on this instance, whatever the number of subscribers,
 * closed `STREAM_UPSTREAM_GRACE_MS` after the last one left. Each upstream update gets the topic's
 * next sequence number and is broadcast once to the topic's room (socket.io encodes it once).
 * The loop never awaits a socket: a socket whose write buffer passes STREAM_CLIENT_MAX_BUFFERED
 * leaves its rooms and lags; what it misses is conflated (latest-value topics) or counted for a
 * `gap` notice (sequence topics), sent when it has caught up and rejoins.
 */
@Injectable()
export class TopicManager implements OnApplicationShutdown {
  private namespace: Namespace | undefined;
  private readonly upstreams = new Map<string, Upstream>();
  /** Closed upstreams whose iterator's return() has not settled yet (an async generator waits for its pending next()). */
  private readonly releasing = new Map<string, Promise<void>>();
  private readonly lagging = new LaggingClients((client, topic) => {
    const upstream = this.upstreams.get(topic);
    return upstream?.subscribers.get(client.id)?.phase === 'live' ? upstream.kind : undefined;
  });
  private readonly log: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'topic-manager' });
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Topics with an open upstream on this instance (including those in their grace period). */
  activeTopics(): string[] {
    return [...this.upstreams.keys()].sort();
  }

  subscriberCount(topic: string): number {
    return this.upstreams.get(topic)?.subscribers.size ?? 0;
  }

  /** Adds a subscriber: opens the upstream if needed, then sends the snapshot and the updates after it. */
  subscribe(client: StreamClient, topic: ParsedTopic, source: TopicSource): void {
    const upstream = this.upstreams.get(topic.topic) ?? this.open(topic, source);
    if (upstream.closeTimer !== undefined) {
      clearTimeout(upstream.closeTimer);
      upstream.closeTimer = undefined;
    }
    if (upstream.subscribers.has(client.id)) return;
    const subscription: Subscription = { client, phase: 'snapshot', held: [] };
    upstream.subscribers.set(client.id, subscription);
    client.topics.add(topic.topic);
    streamSubscribers.inc({ kind: upstream.kind });

    if (source.conflation === 'latest' && upstream.last !== undefined) {
      this.finishSnapshot(upstream, subscription, { seq: upstream.last.seq, data: upstream.last.data });
      return;
    }
    if (source.snapshot === undefined) {
      this.finishSnapshot(upstream, subscription, undefined);
      return;
    }
    const seqAtRequest = upstream.seq;
    const giveUp = (reason: string, error?: unknown): void => {
      if (subscription.phase === 'live') return;
      this.log.warn({ err: error, topic: topic.topic }, `snapshot ${reason}; sending updates only`);
      this.sendError(client, topic.topic, 'SNAPSHOT_FAILED', `The snapshot ${reason}`);
      this.finishSnapshot(upstream, subscription, undefined, seqAtRequest);
    };
    const timeout = setTimeout(() => giveUp('timed out'), SNAPSHOT_TIMEOUT_MS);
    timeout.unref();
    source.snapshot(topic).then(
      (data) => {
        clearTimeout(timeout);
        this.finishSnapshot(
          upstream,
          subscription,
          data === undefined ? undefined : { seq: seqAtRequest, data },
          seqAtRequest,
        );
      },
      (error: unknown) => {
        clearTimeout(timeout);
        giveUp('could not be fetched', error);
      },
    );
  }

  /** Removes a subscriber; answers false when it was not subscribed. */
  unsubscribe(client: StreamClient, topic: string): boolean {
    const upstream = this.upstreams.get(topic);
    client.forget(topic);
    if (upstream?.subscribers.delete(client.id) !== true) return false;
    void client.socket.leave(topic);
    streamSubscribers.dec({ kind: upstream.kind });
    if (upstream.subscribers.size === 0) this.scheduleClose(upstream);
    return true;
  }

  removeClient(client: StreamClient): void {
    for (const topic of [...client.topics]) this.unsubscribe(client, topic);
    this.lagging.delete(client);
  }

  onApplicationShutdown(): void {
    for (const upstream of [...this.upstreams.values()]) this.close(upstream);
    this.lagging.stop();
  }

  private open(topic: ParsedTopic, source: TopicSource): Upstream {
    const upstream: Upstream = {
      topic,
      source,
      kind: topicPrefix(topic.topic),
      seq: 0,
      last: undefined,
      subscribers: new Map(),
      iterator: undefined,
      closeTimer: undefined,
      closed: false,
    };
    this.upstreams.set(topic.topic, upstream);
    streamUpstreams.inc({ kind: upstream.kind });
    void this.pump(upstream);
    return upstream;
  }

  /**
   * Iterates the upstream while it is open. An upstream that ends has finished (a completed warmup,
   * say): its subscribers stay, with no more updates, until they leave. One that throws is reopened
   * with backoff while the topic has subscribers.
   */
  private async pump(upstream: Upstream): Promise<void> {
    // A topic closed and reopened quickly: the old upstream is released first, or its release (a
    // venue unsubscribe, shared by every watcher of the symbol) could cut the new one off.
    await this.releasing.get(upstream.topic.topic);
    let failures = 0;
    while (!upstream.closed) {
      try {
        const iterator = upstream.source.open(upstream.topic)[Symbol.asyncIterator]();
        upstream.iterator = iterator;
        for (;;) {
          const next = await iterator.next();
          if (upstream.closed || next.done === true) {
            upstream.iterator = undefined;
            return;
          }
          failures = 0;
          this.publish(upstream, next.value);
        }
      } catch (error: unknown) {
        if (!upstream.closed) this.log.warn({ err: error, topic: upstream.topic.topic }, 'upstream failed');
        // A hand-made iterator whose next() rejected may still hold its listener: release it (a
        // generator that threw is already done, and return() is a no-op).
        const failed = upstream.iterator;
        if (failed !== undefined && !upstream.closed)
          Promise.resolve(failed.return?.()).catch(() => undefined);
      }
      upstream.iterator = undefined;
      if (upstream.closed) return;
      failures += 1;
      await this.upstreamBroke(upstream);
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_REOPEN_DELAY_MS, 250 * 2 ** failures)));
    }
  }

  private publish(upstream: Upstream, data: unknown): void {
    const message: TopicMessage = {
      topic: upstream.topic.topic,
      seq: ++upstream.seq,
      time: Date.now(),
      data,
    };
    const kind = upstream.source.conflation;
    if (kind === 'latest') upstream.last = message;
    const room = this.namespace?.adapter.rooms.get(message.topic);
    if (room !== undefined && room.size > 0) {
      this.namespace?.local.to(message.topic).emit(StreamEvents.update, message);
      streamMessagesSent.inc({ kind: upstream.kind }, room.size);
    }
    for (const subscription of upstream.subscribers.values()) {
      const client = subscription.client;
      if (subscription.phase === 'snapshot') {
        this.hold(upstream, subscription, message);
      } else if (client.lagging) {
        if (client.miss(kind, message)) streamConflated.inc({ kind: upstream.kind });
      } else if (client.backlog() > this.config.streamClientMaxBuffered) {
        this.lagging.add(client);
      }
    }
  }

  private hold(upstream: Upstream, subscription: Subscription, message: TopicMessage): void {
    if (upstream.source.conflation === 'latest') {
      // The newest state is the best snapshot: no need to wait for the fetched one.
      this.finishSnapshot(upstream, subscription, { seq: message.seq, data: message.data });
      return;
    }
    subscription.held.push(message);
    // A snapshot that takes too long is given up rather than holding updates without bound.
    if (subscription.held.length >= MAX_HELD_DURING_SNAPSHOT)
      this.finishSnapshot(upstream, subscription, undefined);
  }

  /**
   * Sends the snapshot, then the held updates newer than it, then joins the room: all in one
   * synchronous step, so no update can come between them or be sent twice.
   */
  private finishSnapshot(
    upstream: Upstream,
    subscription: Subscription,
    snapshot: { seq: number; data: unknown } | undefined,
    afterSeq = 0,
  ): void {
    if (upstream.subscribers.get(subscription.client.id) !== subscription || subscription.phase === 'live')
      return;
    const { client } = subscription;
    const held = subscription.held; // sequence topics only: latest topics finish on their first update
    subscription.held = [];
    subscription.phase = 'live';
    const after = snapshot?.seq ?? afterSeq;
    if (snapshot !== undefined) {
      const message: TopicMessage = {
        topic: upstream.topic.topic,
        seq: snapshot.seq,
        time: Date.now(),
        data: snapshot.data,
      };
      client.socket.emit(StreamEvents.snapshot, message);
      streamMessagesSent.inc({ kind: upstream.kind });
    }
    for (const message of held) {
      if (message.seq <= after) continue;
      if (client.lagging) {
        client.miss(upstream.source.conflation, message);
      } else {
        client.socket.emit(StreamEvents.update, message);
        streamMessagesSent.inc({ kind: upstream.kind });
      }
    }
    if (!client.lagging) void client.socket.join(upstream.topic.topic);
  }

  /** The upstream ended or failed while subscribed: sequence topics lost continuity. */
  private async upstreamBroke(upstream: Upstream): Promise<void> {
    if (upstream.source.conflation !== 'sequence') return;
    try {
      await upstream.source.onDiscontinuity?.(upstream.topic);
    } catch (error: unknown) {
      this.log.warn({ err: error, topic: upstream.topic.topic }, 'onDiscontinuity failed');
    }
    const gap: GapNotice = {
      topic: upstream.topic.topic,
      reason: 'upstream',
      missed: null,
      fromSeq: null,
      toSeq: null,
      afterSeq: upstream.seq,
    };
    this.namespace?.local.to(upstream.topic.topic).emit(StreamEvents.gap, gap);
    streamGaps.inc({ kind: upstream.kind });
  }

  private scheduleClose(upstream: Upstream): void {
    if (this.config.streamUpstreamGraceMs === 0) {
      this.close(upstream);
      return;
    }
    upstream.closeTimer = setTimeout(() => {
      if (upstream.subscribers.size === 0) this.close(upstream);
    }, this.config.streamUpstreamGraceMs);
    upstream.closeTimer.unref();
  }

  private close(upstream: Upstream): void {
    if (upstream.closed) return;
    upstream.closed = true;
    if (upstream.closeTimer !== undefined) clearTimeout(upstream.closeTimer);
    if (this.upstreams.get(upstream.topic.topic) === upstream) this.upstreams.delete(upstream.topic.topic);
    streamUpstreams.dec({ kind: upstream.kind });
    streamSubscribers.dec({ kind: upstream.kind }, upstream.subscribers.size);
    upstream.subscribers.clear();
    const iterator = upstream.iterator;
    upstream.iterator = undefined;
    if (iterator === undefined) return;
    // Stopping the iteration is what releases the venue subscription.
    const topic = upstream.topic.topic;
    const released = Promise.resolve(iterator.return?.()).then(
      () => undefined,
      (error: unknown) => this.log.warn({ err: error, topic }, 'closing the upstream failed'),
    );
    this.releasing.set(topic, released);
    void released.then(() => {
      if (this.releasing.get(topic) === released) this.releasing.delete(topic);
    });
  }

  private sendError(client: StreamClient, topic: string, code: string, message: string): void {
    client.socket.emit(StreamEvents.error, { topic, error: { code, message, details: {} } });
  }
}
