/**
 * Fixed one-minute windows: a window index and the seconds until it closes. Fixed windows allow a
 * burst of up to twice the limit across a boundary; accepted for a cost of one counter per key.
 */
export const RATE_WINDOW_MS = 60_000;

export function rateWindow(nowMs: number, windowMs = RATE_WINDOW_MS): { index: number; resetInMs: number } {
  const index = Math.floor(nowMs / windowMs);
  return { index, resetInMs: (index + 1) * windowMs - nowMs };
}

export function retryAfterSeconds(resetInMs: number): number {
  return Math.max(1, Math.ceil(resetInMs / 1000));
}
