export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const FUNDING_INTERVAL_MS = 8 * HOUR_MS; // 00:00, 08:00, 16:00 UTC

export const SIM_TIMEFRAMES = {
  '1m': MINUTE_MS,
  '3m': 3 * MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '4h': 4 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '8h': 8 * HOUR_MS,
  '12h': 12 * HOUR_MS,
  '1d': 24 * HOUR_MS,
} as const;

export type SimTimeframe = keyof typeof SIM_TIMEFRAMES;

export function isSimTimeframe(value: string): value is SimTimeframe {
  return Object.prototype.hasOwnProperty.call(SIM_TIMEFRAMES, value);
}

/** First multiple of step at or after t (candles and buckets align to the Unix epoch, i.e. UTC). */
export function alignUp(t: number, step: number): number {
  return Math.ceil(t / step) * step;
}

export function alignDown(t: number, step: number): number {
  return Math.floor(t / step) * step;
}
