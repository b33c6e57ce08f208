import ccxt from 'ccxt';
import type { VenueLogger } from './venue-logger';

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 30_000 };

/**
 * ccxt settles some unwatches only on the venue's answer (Coinbase: only once the connection holds
 * no subscription at all, so stopping one of two streams on a connection never settles): a consumer
 * that stops must not wait on that for ever.
 */
export const UNWATCH_WAIT_MS = 5_000;

export interface ResilientWatchOptions<T> {
  /** For logs: `<exchange> <stream> <symbol>`. */
  readonly name: string;
  readonly watch: () => Promise<T>;
  /** After a sequence gap (ccxt ChecksumError/InvalidNonce): start over from a fresh snapshot. */
  readonly resync?: () => Promise<void>;
  /** When the consumer stops iterating. */
  readonly unwatch?: () => Promise<void>;
  /** How long stopping waits for the venue to confirm the unwatch (UNWATCH_WAIT_MS by default). */
  readonly unwatchWaitMs?: number;
  readonly isClosed: () => boolean;
  readonly mapError: (error: unknown) => Error;
  readonly logger: VenueLogger;
  readonly backoff?: BackoffPolicy;
}

/** Exponential backoff with full jitter on the upper half: spreads many clients' reconnects. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Turns ccxt.pro's "call watchX again for the next update" into an async iterable that survives
 * the connection: a dropped socket rejects the pending watch with a NetworkError, and the next
 * watch call makes ccxt reconnect and resubscribe, so after a backoff we simply watch again. A
 * sequence gap resyncs first. Errors that retrying cannot fix (bad symbol, auth) end the stream.
 */
export async function* resilientWatch<T>(options: ResilientWatchOptions<T>): AsyncGenerator<T> {
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  let attempt = 0;
  try {
    while (!options.isClosed()) {
      let value: T;
      try {
        value = await options.watch();
      } catch (error: unknown) {
        if (options.isClosed() || error instanceof ccxt.ExchangeClosedByUser) return;
        if (error instanceof ccxt.ChecksumError || error instanceof ccxt.InvalidNonce) {
          options.logger.warn(
            { stream: options.name, reason: errorText(error) },
            'order book gap: resyncing',
          );
          await options.resync?.();
          continue;
        }
        if (!isTransient(error)) throw options.mapError(error);
        const delay = backoffDelay(attempt, policy);
        attempt += 1;
        options.logger.warn(
          { stream: options.name, attempt, delayMs: delay, reason: errorText(error) },
          'venue stream interrupted: reconnecting',
        );
        await sleep(delay);
        continue;
      }
      attempt = 0;
      yield value;
    }
  } finally {
    if (!options.isClosed() && options.unwatch !== undefined) {
      const settled = await within(options.unwatch(), options.unwatchWaitMs ?? UNWATCH_WAIT_MS);
      if (!settled)
        options.logger.warn({ stream: options.name }, 'venue did not confirm the unwatch: stopped anyway');
    }
  }
}

/** True when `work` settles (either way) within `ms`; false when it is still pending then. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([done, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function isTransient(error: unknown): boolean {
  return (
    error instanceof ccxt.NetworkError ||
    error instanceof ccxt.ExchangeNotAvailable ||
    error instanceof ccxt.RequestTimeout ||
    error instanceof ccxt.RateLimitExceeded
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
