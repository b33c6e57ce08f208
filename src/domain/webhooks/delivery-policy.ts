/**
 * Retries with exponential backoff and "equal jitter": half the delay is fixed, half random, so
 * receivers that failed together do not all retry in the same instant, yet no retry comes sooner
 * than half its step. `random` is in [0, 1) and passed in (the domain draws no randomness).
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

export type DeliveryOutcome =
  { status: 'delivered' } | { status: 'pending'; retryInMs: number } | { status: 'dead' };

/** After a failed attempt number `attempt` (1-based): retry later, or dead-letter after `maxAttempts`. */
export function afterFailure(
  attempt: number,
  maxAttempts: number,
  policy: BackoffPolicy,
  random: number,
): DeliveryOutcome {
  if (attempt >= maxAttempts) return { status: 'dead' };
  return { status: 'pending', retryInMs: retryDelayMs(attempt, policy, random) };
}

/** A receiver's answer counts as delivered only for 2xx. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
