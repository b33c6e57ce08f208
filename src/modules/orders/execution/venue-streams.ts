import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestContext } from '../../../infrastructure/observability/request-context';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { VenueSessions } from '../../accounts';
import { VenueReports } from './venue-reports';

/** After a stream ends or fails, the first reconnect waits this long, doubling up to the maximum. */
const RECONNECT_BASE_MS = 200;
const RECONNECT_MAX_MS = 30_000;

export type ReconnectListener = (accountId: string) => void;

interface Connection {
  stopped: boolean;
  iterators: AsyncIterator<unknown>[];
  done: Promise<void>;
}

/**
 * The live venue streams of every account (own fills, order updates, funding), consumed into our
 * streams by VenueReports. A stream that ends or fails is reopened with backoff, and each reopening
 * is a reconnect: listeners (the reconciler) then look for what was missed while it was down.
 */
@Injectable()
export class VenueStreams implements OnApplicationShutdown {
  private readonly connections = new Map<string, Connection>();
  private readonly reconnectListeners = new Set<ReconnectListener>();
  private readonly log: Logger;
  private shuttingDown = false;

  constructor(
    private readonly sessions: VenueSessions,
    private readonly reports: VenueReports,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'venue-streams' });
  }

  onReconnect(listener: ReconnectListener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  isConnected(accountId: string): boolean {
    const c = this.connections.get(accountId);
    return c !== undefined && !c.stopped;
  }

  /** Opens the account's streams unless they are open; a venue that cannot open them is logged, not thrown. */
  async ensure(accountId: string): Promise<void> {
    if (this.shuttingDown || this.isConnected(accountId)) return;
    try {
      await this.open(accountId);
    } catch (err) {
      this.log.warn({ err, accountId }, 'could not open the venue streams');
    }
  }

  /** Drops the account's streams (an operator action, and how tests simulate a venue disconnect). */
  async disconnect(accountId: string): Promise<void> {
    const c = this.connections.get(accountId);
    if (c === undefined) return;
    c.stopped = true;
    this.connections.delete(accountId);
    await Promise.allSettled(c.iterators.map((it) => it.return?.() ?? Promise.resolve()));
    await c.done;
  }

  /** Opens the streams again and reports the reconnect (the reconciler applies what was missed). */
  async reconnect(accountId: string): Promise<void> {
    await this.disconnect(accountId);
    await this.open(accountId);
    this.notifyReconnect(accountId);
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.allSettled([...this.connections.keys()].map((id) => this.disconnect(id)));
  }

  private async open(accountId: string): Promise<void> {
    const session = await this.sessions.forAccount(accountId);
    const c: Connection = { stopped: false, iterators: [], done: Promise.resolve() };
    this.connections.set(accountId, c);
    const loops = [
      this.consume(
        c,
        accountId,
        'fills',
        () => session.watchFills(),
        (fill) => this.reports.fill(accountId, fill),
      ),
      this.consume(
        c,
        accountId,
        'orders',
        () => session.watchOrders(),
        (order) => this.reports.order(accountId, order),
      ),
      this.consume(
        c,
        accountId,
        'funding',
        () => session.watchFunding(),
        (f) => this.reports.funding(accountId, f),
      ),
    ];
    c.done = Promise.all(loops).then(() => undefined);
  }

  private async consume<T>(
    c: Connection,
    accountId: string,
    stream: string,
    open: () => AsyncIterable<T>,
    apply: (item: T) => Promise<unknown>,
  ): Promise<void> {
    let delay = RECONNECT_BASE_MS;
    let first = true;
    while (!c.stopped) {
      let iterator: AsyncIterator<T> | undefined;
      try {
        iterator = open()[Symbol.asyncIterator]();
        c.iterators.push(iterator);
        if (!first) this.notifyReconnect(accountId);
        first = false;
        for (;;) {
          const next = await iterator.next();
          if (next.done === true || c.stopped) break;
          delay = RECONNECT_BASE_MS;
          await this.applySafely(accountId, stream, next.value, apply);
        }
      } catch (err) {
        this.log.warn({ err, accountId, stream }, 'venue stream failed; reconnecting');
      } finally {
        if (iterator !== undefined) c.iterators = c.iterators.filter((it) => it !== iterator);
      }
      if (c.stopped || this.shuttingDown) return;
      await new Promise((r) => setTimeout(r, delay).unref());
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    }
  }

  private async applySafely<T>(
    accountId: string,
    stream: string,
    item: T,
    apply: (item: T) => Promise<unknown>,
  ): Promise<void> {
    try {
      await requestContext.run(
        { requestId: null, correlationId: randomUUID(), causationId: null, actor: `system:venue-${stream}` },
        () => apply(item),
      );
    } catch (err) {
      // Not lost: the reconciler compares with the venue and applies what is missing.
      this.log.warn({ err, accountId, stream }, 'could not record a venue report');
    }
  }

  private notifyReconnect(accountId: string): void {
    for (const listener of this.reconnectListeners) listener(accountId);
  }
}
