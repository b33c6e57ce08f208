import { Inject, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ROOT_LOGGER } from '../../infrastructure/observability/observability.tokens';
import type { AuthenticatedKey } from '../auth';
import { streamConnections } from './realtime.metrics';
import { StreamClient } from './stream-client';
import { StreamHandshake } from './stream-handshake';
import { StreamEvents, type SubscriptionAck } from './stream-messages';
import { checkSubscriptionRequest } from './subscription-request';
import { TopicManager } from './topic-manager';
import {
  topicPrefix,
  TopicSources,
  type ParsedTopic,
  type TopicError,
  type TopicSource,
} from './topic-source';

export const STREAM_NAMESPACE = '/v1/stream';

type Ack = (response: SubscriptionAck) => void;

/**
 * The socket.io namespace /v1/stream (docs/realtime.md, docs/asyncapi.yaml): API key on the
 * handshake, per-key connection limit, `subscribe` / `unsubscribe` with an ack listing the accepted
 * topics and the per-topic errors. Delivery is the TopicManager's job.
 */
@WebSocketGateway({ namespace: STREAM_NAMESPACE })
export class RealtimeGateway implements OnGatewayInit<Namespace>, OnApplicationShutdown {
  /** The namespace; with the Redis adapter, fetchSockets() and non-local broadcasts span every instance. */
  @WebSocketServer() readonly namespace!: Namespace;
  private readonly clients = new Map<string, StreamClient>();
  private readonly log: Logger;

  constructor(
    private readonly handshake: StreamHandshake,
    private readonly sources: TopicSources,
    private readonly manager: TopicManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'realtime-gateway' });
  }

  afterInit(namespace: Namespace): void {
    this.manager.attach(namespace);
    namespace.use((socket, next) => {
      this.handshake.admit(socket).then(
        () => next(),
        (error: unknown) => next(error instanceof Error ? error : new Error('handshake failed')),
      );
    });
    namespace.on('connection', (socket: Socket) => this.connected(socket));
  }

  onApplicationShutdown(): void {
    for (const client of this.clients.values()) client.socket.disconnect(true);
  }

  private connected(socket: Socket): void {
    const client = new StreamClient(socket, this.handshake.keyOf(socket));
    this.clients.set(socket.id, client);
    streamConnections.inc();
    this.handshake.watch(socket);
    // A socket's requests run one at a time, in the order sent (subscribe then unsubscribe ends
    // unsubscribed, whichever topic check is slower), and each is answered in the same synchronous
    // step as its topic-limit check.
    socket.on('subscribe', (payload: unknown, ack?: unknown) => {
      if (this.droppedOverloaded(client)) return;
      client
        .serially(() => this.subscribe(client, payload, ack))
        .catch((error: unknown) => this.failed(client, error, ack));
    });
    socket.on('unsubscribe', (payload: unknown, ack?: unknown) => {
      if (this.droppedOverloaded(client)) return;
      client
        .serially(() => this.unsubscribe(client, payload, ack))
        .catch((error: unknown) => this.failed(client, error, ack));
    });
    socket.on('disconnect', () => {
      this.clients.delete(socket.id);
      streamConnections.dec();
      this.manager.removeClient(client);
    });
  }

  private async subscribe(client: StreamClient, payload: unknown, ackFn: unknown): Promise<void> {
    const request = checkSubscriptionRequest(payload);
    if (!request.ok) {
      this.answer(client, { ack: malformed(request.message, request.details), start: [] }, ackFn);
      return;
    }
    const parsed = await Promise.all(request.topics.map((topic) => this.resolve(topic, client.key)));
    const ack: SubscriptionAck = { accepted: [], errors: {} };
    const start: { topic: ParsedTopic; source: TopicSource }[] = [];
    const holding = new Set(client.topics);
    request.topics.forEach((asked, i) => {
      const result = parsed[i];
      if (result === undefined) return;
      if ('error' in result) {
        refuse(ack, asked, result.error);
        return;
      }
      const canonical = result.topic.topic;
      if (!holding.has(canonical) && holding.size >= this.config.streamMaxTopicsPerConnection) {
        refuse(ack, asked, {
          code: 'TOO_MANY_TOPICS',
          message: `A connection may hold at most ${this.config.streamMaxTopicsPerConnection} topics`,
          details: { limit: this.config.streamMaxTopicsPerConnection },
        });
        return;
      }
      if (!ack.accepted.includes(canonical)) ack.accepted.push(canonical);
      if (!holding.has(canonical)) start.push(result);
      holding.add(canonical);
    });
    this.answer(client, { ack, start }, ackFn);
  }

  private async unsubscribe(client: StreamClient, payload: unknown, ackFn: unknown): Promise<void> {
    const request = checkSubscriptionRequest(payload);
    if (!request.ok) {
      this.answer(client, { ack: malformed(request.message, request.details), start: [] }, ackFn);
      return;
    }
    const ack: SubscriptionAck = { accepted: [], errors: {} };
    for (const asked of request.topics) {
      let canonical = asked;
      if (!client.topics.has(asked)) {
        const result = await this.resolve(asked, client.key);
        if ('topic' in result) canonical = result.topic.topic;
      }
      if (this.manager.unsubscribe(client, canonical)) ack.accepted.push(canonical);
      else refuse(ack, asked, { code: 'NOT_SUBSCRIBED', message: `Not subscribed to ${asked}`, details: {} });
    }
    this.answer(client, { ack, start: [] }, ackFn);
  }

  /** The topic's source, its canonical form and the key's right to it, or the per-topic error. */
  private async resolve(
    topic: string,
    key: AuthenticatedKey,
  ): Promise<{ topic: ParsedTopic; source: TopicSource } | { error: TopicError }> {
    const source = this.sources.get(topicPrefix(topic));
    if (source === undefined) {
      return {
        error: {
          code: 'UNKNOWN_TOPIC',
          message: `Unknown topic kind "${topicPrefix(topic)}"`,
          details: { kinds: this.sources.prefixes() },
        },
      };
    }
    const parsed = await source.parse(topic);
    if (!parsed.ok) return { error: parsed.error };
    if (!(await source.authorize(parsed.topic, key))) {
      return {
        error: {
          code: 'FORBIDDEN',
          message: `The role ${key.role} may not see ${parsed.topic.topic}`,
          details: {},
        },
      };
    }
    return { topic: parsed.topic, source };
  }

  /** Acks first, then starts the subscriptions: the ack always comes before the snapshot. */
  private answer(client: StreamClient, answer: Answer, ack: unknown): void {
    if (typeof ack === 'function') (ack as Ack)(answer.ack);
    else if (answer.ack.error !== undefined)
      client.socket.emit(StreamEvents.error, { error: answer.ack.error });
    if (client.socket.disconnected) return;
    for (const { topic, source } of answer.start) this.manager.subscribe(client, topic, source);
  }

  /** A client that does not read its answers but keeps asking is disconnected (memory per client is bounded). */
  private droppedOverloaded(client: StreamClient): boolean {
    if (!client.overloaded(this.config.streamClientMaxBuffered)) return false;
    this.log.warn(
      { socket: client.id, backlog: client.backlog() },
      'disconnecting a client that does not read',
    );
    client.socket.disconnect(true);
    return true;
  }

  private failed(client: StreamClient, error: unknown, ack: unknown): void {
    this.log.error({ err: error }, 'a subscription request failed');
    const response: SubscriptionAck = {
      accepted: [],
      errors: {},
      error: { code: 'INTERNAL_ERROR', message: 'The request could not be processed', details: {} },
    };
    if (typeof ack === 'function') (ack as Ack)(response);
    else client.socket.emit(StreamEvents.error, { error: response.error });
  }
}

interface Answer {
  ack: SubscriptionAck;
  start: { topic: ParsedTopic; source: TopicSource }[];
}

function malformed(message: string, details: Record<string, unknown>): SubscriptionAck {
  return { accepted: [], errors: {}, error: { code: 'VALIDATION_FAILED', message, details } };
}

/** Records a topic's error as an own property: `errors['__proto__'] = ...` would set the prototype. */
function refuse(ack: SubscriptionAck, topic: string, error: TopicError): void {
  Object.defineProperty(ack.errors, topic, {
    value: error,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
