import type { CandleSource } from './sim-candle-source';
import { hash3, normalOf, valueNoise } from './sim-random';
import { FUNDING_INTERVAL_MS, MINUTE_MS } from './sim-timeframes';

/**
 * Index, mark, premium, funding and open interest as functions of time. The index follows the
 * minute path (linear between a minute's open and close, with a little per-second noise from the
 * constituents); the mark adds a slowly wandering premium; funding settles every 8 hours at a rate
 * derived from the premium at the settlement time (so the ticker's predicted rate converges to it).
 */
export const BASE_FUNDING_RATE = 0.0001;
const MAX_FUNDING_RATE = 0.0075;

export function premiumAt(key: number, atMs: number): number {
  const minutes = atMs / MINUTE_MS;
  return 0.0003 * valueNoise(key, 21, minutes / 60) + 0.0004 * valueNoise(key, 22, minutes / 480);
}

export function indexTicksAt(source: CandleSource, atMs: number): number {
  const minute = Math.floor(atMs / MINUTE_MS);
  const candle = source.minute(minute);
  const f = (atMs - minute * MINUTE_MS) / MINUTE_MS;
  const noise = 0.00005 * normalOf(hash3(source.model.key, Math.floor(atMs / 1000), 4));
  return Math.max(1, Math.round((candle.open + (candle.close - candle.open) * f) * (1 + noise)));
}

export function markTicksAt(source: CandleSource, atMs: number): number {
  return Math.max(1, Math.round(indexTicksAt(source, atMs) * (1 + premiumAt(source.model.key, atMs))));
}

/** The funding rate that settles (or would settle) with the premium at atMs, rounded to 1e-6. */
export function fundingRateAt(key: number, atMs: number): number {
  const rate = BASE_FUNDING_RATE + premiumAt(key, atMs);
  const clamped = Math.min(MAX_FUNDING_RATE, Math.max(-MAX_FUNDING_RATE, rate));
  return Math.round(clamped * 1e6) / 1e6;
}

export function nextFundingTime(atMs: number): number {
  return (Math.floor(atMs / FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS;
}

/** Open interest in base units, wandering around the market's typical level. */
export function openInterestAt(key: number, typical: number, atMs: number): number {
  const hours = atMs / 3_600_000;
  return typical * Math.exp(0.25 * valueNoise(key, 31, hours / 4) + 0.2 * valueNoise(key, 32, hours / 48));
}
