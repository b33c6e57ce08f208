import { JUMP_PROBABILITY, MIN_LOTS_PER_MINUTE, type HourSummary, type SymbolModel } from './sim-price-path';
import { hash3, SplitMix32 } from './sim-random';

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
const path = new Float64Array(61); // log prices at the minute boundaries, then ticks
const weights = new Float64Array(60);

/**
 * The minutes of an hour, conditioned on its candle so that they aggregate to it exactly: the walk
 * is pinned to the open at minute 0, near the high and the low at two drawn minutes, to the close
 * at minute 60, and clamped into [low, high]; the pinned minutes carry the hour's high and low as
 * wicks; the volumes split the hour's volume (each minute at least MIN_LOTS_PER_MINUTE, so every
 * trade of the minute gets a lot).
 */
export function hourBlock(model: SymbolModel, hour: HourSummary): HourBlock {
  const { open, high, low, close, regime } = hour;
  const sigmaMinute = (model.market.hourlyVolatility / Math.sqrt(60)) * regime;
  rng.reset(hash3(model.key, hour.hour, 1));
  const highAt = 1 + rng.int(59);
  let lowAt = 1 + rng.int(58);
  if (lowAt >= highAt) lowAt++;
  // The walk touches the extremes less a wick; the minute there prints the extreme as its wick.
  const wickTicks = (top: number) => Math.round(Math.abs(rng.gaussian()) * sigmaMinute * 0.6 * top);
  const highPin = Math.max(open, close, high - wickTicks(high));
  const lowPin = Math.min(open, close, low + wickTicks(low));
  const pins: [number, number][] = [
    [0, Math.log(open)],
    [highAt, Math.log(highPin)],
    [lowAt, Math.log(lowPin)],
    [60, Math.log(close)],
  ];
  pins.sort((a, b) => a[0] - b[0]);
  for (let p = 0; p < 3; p++) {
    const [fromIndex, fromLog] = pins[p] as [number, number];
    const [toIndex, toLog] = pins[p + 1] as [number, number];
    bridge(fromIndex, fromLog, toIndex, toLog, sigmaMinute, regime);
  }
  for (let i = 0; i <= 60; i++) path[i] = Math.min(high, Math.max(low, Math.round(Math.exp(path[i] ?? 0))));
  path[0] = open;
  path[60] = close;
  path[highAt] = highPin;
  path[lowAt] = lowPin;

  const block: HourBlock = {
    hour: hour.hour,
    open: new Float64Array(60),
    high: new Float64Array(60),
    low: new Float64Array(60),
    close: new Float64Array(60),
    volumeLots: new Float64Array(60),
    regime,
  };
  let weightSum = 0;
  for (let i = 0; i < 60; i++) {
    const o = path[i] ?? 1;
    const c = path[i + 1] ?? 1;
    const excursion = sigmaMinute * 0.6 * o;
    block.open[i] = o;
    block.close[i] = c;
    block.high[i] = Math.min(high, Math.max(o, c) + Math.round(Math.abs(rng.gaussian()) * excursion));
    block.low[i] = Math.max(low, Math.min(o, c) - Math.round(Math.abs(rng.gaussian()) * excursion));
    const move = Math.abs(Math.log(c / o)) / sigmaMinute;
    const w = (0.6 + 0.25 * move) * Math.exp(0.35 * rng.gaussian());
    weights[i] = w;
    weightSum += w;
  }
  block.high[highAt] = high;
  block.low[lowAt] = low;
  splitVolume(block.volumeLots, hour.volumeLots, weightSum);
  return block;
}

/** A walk from fromLog to toLog over the minutes between, jumps included, bent into a bridge. */
function bridge(
  fromIndex: number,
  fromLog: number,
  toIndex: number,
  toLog: number,
  sigmaMinute: number,
  regime: number,
): void {
  const span = toIndex - fromIndex;
  path[fromIndex] = fromLog;
  let w = 0;
  for (let i = fromIndex + 1; i <= toIndex; i++) {
    let step = sigmaMinute * rng.gaussian();
    if (rng.next() < JUMP_PROBABILITY * regime)
      step += (rng.next() < 0.5 ? -1 : 1) * sigmaMinute * (4 + 6 * rng.next());
    w += step;
    path[i] = w;
  }
  const end = w;
  for (let i = fromIndex + 1; i <= toIndex; i++) {
    const f = (i - fromIndex) / span;
    path[i] = fromLog + (toLog - fromLog) * f + (path[i] ?? 0) - end * f;
  }
}

/** Whole lots per minute, at least the minimum each, adding up exactly to the hour's volume. */
function splitVolume(out: Float64Array, totalLots: number, weightSum: number): void {
  const spare = totalLots - 60 * MIN_LOTS_PER_MINUTE;
  let given = 0;
  for (let i = 0; i < 60; i++) {
    const extra = Math.floor(((weights[i] ?? 0) / weightSum) * spare);
    out[i] = MIN_LOTS_PER_MINUTE + extra;
    given += extra;
  }
  // Flooring leaves fewer than 60 lots over: the first minutes take one more each.
  for (let i = 0; given < spare; i++, given++) out[i] = (out[i] ?? 0) + 1;
}
