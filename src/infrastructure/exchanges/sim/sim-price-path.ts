import { decimalsOf, type SimMarket } from './sim-markets';
import { hash3, hashString, normalOf, SplitMix32, valueNoise } from './sim-random';

/**
 * The price path: a pure function of (seed, symbol, time), computable for any hour on its own.
 *
 * 1. Hour anchors. The log price at each hour boundary is a sum of value-noise octaves with spans of
 *    1 h to 8192 h, amplitudes growing with sqrt(span) like a random walk but capped at the longest
 *    octave, so prices wander (about +-40% over a year for BTC) yet never drift off to zero.
 * 2. A volatility regime per hour (log-normal value noise over 6 h to 4 days): calm and busy
 *    stretches that scale minute volatility, jumps and volume (volatility clusters).
 * 3. The hour's candle (hourSummary): open and close at the anchors (so hours join seamlessly),
 *    high and low drawn as a Brownian bridge's extremes, volume from the regime and the move. This
 *    is all a 1h, 4h or 1d candle needs: about a microsecond per hour.
 * 4. Its minutes (sim-hour-block.ts), drawn conditioned on the hour: a random walk with occasional
 *    jumps bridged through the open, the high, the low and the close, kept inside the hour's range;
 *    volumes split the hour's volume. So the minutes aggregate exactly to the hour.
 */

const OCTAVES = 14; // spans 2^0 .. 2^13 hours
export const MIN_LOTS_PER_MINUTE = 3000; // >= 60 s * 50 trades/s, so every trade gets at least one lot
export const JUMP_PROBABILITY = 0.003; // per minute, at regime 1

export interface SymbolModel {
  readonly market: SimMarket;
  readonly key: number;
  readonly tick: number;
  readonly tickUnits: number; // tickSize * priceScale
  readonly priceScale: number; // 10^decimals of the tick
  readonly lotUnits: number;
  readonly lotScale: number;
  readonly logReference: number;
  readonly lotsPerMinute: number;
}

export function symbolModel(seed: string | number, market: SimMarket): SymbolModel {
  const priceScale = 10 ** decimalsOf(market.tickSize);
  const lotScale = 10 ** decimalsOf(market.lotSize);
  const lot = Number(market.lotSize);
  return {
    market,
    key: hash3(hashString(String(seed)), hashString(market.symbol), 0x5eed),
    tick: Number(market.tickSize),
    tickUnits: Math.round(Number(market.tickSize) * priceScale),
    priceScale,
    lotUnits: Math.round(lot * lotScale),
    lotScale,
    logReference: Math.log(market.referencePrice),
    lotsPerMinute: Math.max(MIN_LOTS_PER_MINUTE, market.volumePerMinute / lot),
  };
}

/** Ticks as a number with the tick's decimals (division by a power of ten rounds correctly). */
export function priceOf(model: SymbolModel, ticks: number): number {
  return (ticks * model.tickUnits) / model.priceScale;
}

export function amountOf(model: SymbolModel, lots: number): number {
  return (lots * model.lotUnits) / model.lotScale;
}

/** Volatility multiplier of an hour, around 1 (log-normal, sd ~0.45). */
export function regimeOf(model: SymbolModel, hour: number): number {
  const n = valueNoise(model.key, 11, hour / 6) * 0.6 + valueNoise(model.key, 12, hour / 24) * 0.6;
  const slow = valueNoise(model.key, 13, hour / 96) * 0.5;
  return Math.exp(0.45 * (n + slow) - 0.1);
}

/**
 * The octaves' end points last hashed, per octave: consecutive hours share all but the finest few,
 * so a run of hours (a page of days) hashes about 2 points per hour instead of 28. Only saves time.
 */
export class AnchorCache {
  readonly cell = new Float64Array(OCTAVES).fill(-1);
  readonly a = new Float64Array(OCTAVES);
  readonly b = new Float64Array(OCTAVES);
}

/** Log price at the start of an hour. */
export function anchorLogPrice(model: SymbolModel, hour: number, cache?: AnchorCache): number {
  const sigma = model.market.hourlyVolatility;
  const fast = regimeOf(model, hour);
  let x = model.logReference;
  for (let k = 0; k < OCTAVES; k++) {
    const span = 2 ** k;
    const cell = Math.floor(hour / span);
    const f = (hour - cell * span) / span;
    let a: number;
    let b: number;
    if (cache !== undefined && cache.cell[k] === cell) {
      a = cache.a[k] ?? 0;
      b = cache.b[k] ?? 0;
    } else {
      a = normalOf(hash3(model.key, cell, 100 + k));
      b = normalOf(hash3(model.key, cell + 1, 100 + k));
      if (cache !== undefined) {
        cache.cell[k] = cell;
        cache.a[k] = a;
        cache.b[k] = b;
      }
    }
    // 0.5 * sqrt(span): the octaves' one-hour increments add up to about sigma.
    const amplitude = 0.5 * sigma * Math.sqrt(span) * (k < 3 ? fast : 1);
    x += amplitude * (a + (b - a) * f);
  }
  return x;
}

/** The price at a log price: whole ticks, at least one. */
export function ticksAt(model: SymbolModel, logPrice: number): number {
  return Math.max(1, Math.round(Math.exp(logPrice) / model.tick));
}

/**
 * One hour's candle, drawn at the hour level from its two anchors and a few numbers of its own:
 * open and close are the anchors, high and low the extremes of a Brownian bridge between them (drawn
 * exactly from the bridge's maximum distribution, plus an occasional jump), the volume scales with
 * the regime and the size of the move. The hour's sixty minutes are then drawn conditioned on it
 * (sim-hour-block.ts), so a candle of 1h or more never needs its minutes and still agrees with them.
 */
export interface HourSummary {
  readonly hour: number;
  readonly startLog: number;
  readonly endLog: number;
  readonly open: number; // ticks
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeLots: number;
  readonly regime: number;
}

const rng = new SplitMix32();

export function hourSummary(
  model: SymbolModel,
  hour: number,
  startLog?: number,
  endLog?: number,
): HourSummary {
  const a0 = startLog ?? anchorLogPrice(model, hour);
  const a1 = endLog ?? anchorLogPrice(model, hour + 1);
  const regime = regimeOf(model, hour);
  const sigma = model.market.hourlyVolatility * regime;
  rng.reset(hash3(model.key, hour, 5));
  const d = a1 - a0;
  // A Brownian bridge from 0 to d with variance sigma^2 exceeds m >= max(0, d) with probability
  // exp(-2 m (m - d) / sigma^2): inverted, its maximum; the minimum is the mirror image.
  let up = (d + Math.sqrt(d * d - 2 * sigma * sigma * Math.log(rng.next()))) / 2;
  let down = (-d + Math.sqrt(d * d - 2 * sigma * sigma * Math.log(rng.next()))) / 2;
  if (rng.next() < 60 * JUMP_PROBABILITY * regime) {
    const jump = (sigma / Math.sqrt(60)) * (4 + 6 * rng.next());
    if (rng.next() < 0.5) up += jump;
    else down += jump;
  }
  const open = ticksAt(model, a0);
  const close = ticksAt(model, a1);
  const move = Math.abs(d) / sigma;
  const volume = 60 * model.lotsPerMinute * regime * (0.68 + 0.21 * move) * Math.exp(0.2 * rng.gaussian());
  return {
    hour,
    startLog: a0,
    endLog: a1,
    open,
    close,
    high: Math.max(open, close, ticksAt(model, a0 + up)),
    low: Math.min(open, close, ticksAt(model, a0 - down)),
    volumeLots: Math.max(60 * MIN_LOTS_PER_MINUTE, Math.round(volume)),
    regime,
  };
}
