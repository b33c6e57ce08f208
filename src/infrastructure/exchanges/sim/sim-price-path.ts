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
 * 3. Inside the hour, a minute random walk with occasional jumps, bent into a Brownian bridge that
 *    starts at this hour's anchor and ends at the next, so hours join seamlessly.
 * 4. Per minute: open = previous close (on tick), high/low extend beyond the body by a random
 *    excursion, volume scales with the regime and the size of the move.
 */

const OCTAVES = 14; // spans 2^0 .. 2^13 hours
const MIN_LOTS_PER_MINUTE = 3000; // >= 60 s * 50 trades/s, so every trade gets at least one lot
const JUMP_PROBABILITY = 0.003; // per minute, at regime 1

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

/** Log price at the start of an hour. */
export function anchorLogPrice(model: SymbolModel, hour: number): number {
  const sigma = model.market.hourlyVolatility;
  const fast = regimeOf(model, hour);
  let x = model.logReference;
  for (let k = 0; k < OCTAVES; k++) {
    const span = 2 ** k;
    const cell = Math.floor(hour / span);
    const f = (hour - cell * span) / span;
    const a = normalOf(hash3(model.key, cell, 100 + k));
    const b = normalOf(hash3(model.key, cell + 1, 100 + k));
    // 0.5 * sqrt(span): the octaves' one-hour increments add up to about sigma.
    const amplitude = 0.5 * sigma * Math.sqrt(span) * (k < 3 ? fast : 1);
    x += amplitude * (a + (b - a) * f);
  }
  return x;
}

/** The 60 one-minute candles of one hour, in ticks and lots. */
export interface HourBlock {
  readonly hour: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volumeLots: Float64Array;
  readonly regime: number;
}

const rng = new SplitMix32();
const walk = new Float64Array(61);
const path = new Float64Array(61);

export function hourBlock(model: SymbolModel, hour: number, startLog?: number, endLog?: number): HourBlock {
  const a0 = startLog ?? anchorLogPrice(model, hour);
  const a1 = endLog ?? anchorLogPrice(model, hour + 1);
  const regime = regimeOf(model, hour);
  const sigmaMinute = (model.market.hourlyVolatility / Math.sqrt(60)) * regime;
  rng.reset(hash3(model.key, hour, 1));
  walk[0] = 0;
  for (let i = 1; i <= 60; i++) {
    let step = sigmaMinute * rng.gaussian();
    if (rng.next() < JUMP_PROBABILITY * regime)
      step += (rng.next() < 0.5 ? -1 : 1) * sigmaMinute * (4 + 6 * rng.next());
    walk[i] = (walk[i - 1] ?? 0) + step;
  }
  const drift = (walk[60] ?? 0) - (a1 - a0);
  for (let i = 0; i <= 60; i++) {
    // Brownian bridge: pinned to a0 at i = 0 and to a1 at i = 60.
    path[i] = Math.max(1, Math.round(Math.exp(a0 + (walk[i] ?? 0) - (drift * i) / 60) / model.tick));
  }
  const block: HourBlock = {
    hour,
    open: new Float64Array(60),
    high: new Float64Array(60),
    low: new Float64Array(60),
    close: new Float64Array(60),
    volumeLots: new Float64Array(60),
    regime,
  };
  for (let i = 0; i < 60; i++) {
    const o = path[i] ?? 1;
    const c = path[i + 1] ?? 1;
    const excursion = sigmaMinute * 0.6 * o;
    const up = Math.round(Math.abs(rng.gaussian()) * excursion);
    const down = Math.round(Math.abs(rng.gaussian()) * excursion);
    const move = Math.abs(Math.log(c / o)) / sigmaMinute;
    const volume = model.lotsPerMinute * regime * (0.6 + 0.25 * move) * Math.exp(0.35 * rng.gaussian());
    block.open[i] = o;
    block.close[i] = c;
    block.high[i] = Math.max(o, c) + up;
    block.low[i] = Math.max(1, Math.min(o, c) - down);
    block.volumeLots[i] = Math.max(MIN_LOTS_PER_MINUTE, Math.round(volume));
  }
  return block;
}
