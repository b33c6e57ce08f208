import type { MinuteCandle } from './sim-candle-source';
import { hash3, SplitMix32 } from './sim-random';
import type { SymbolModel } from './sim-price-path';

/**
 * The trades of one minute, generated from that minute's candle so that they agree with it exactly:
 * the first trade prints the open, the last the close, one trade each the high and the low, all
 * others stay inside; amounts add up to the candle's volume. 1 to 50 trades in every second.
 */
export interface MinuteTrades {
  readonly minute: number;
  readonly count: number;
  readonly timestamp: Float64Array;
  readonly ticks: Float64Array;
  readonly lots: Float64Array;
  readonly buy: Uint8Array;
}

const rng = new SplitMix32();
const perSecond = new Int32Array(60);

export function minuteTrades(model: SymbolModel, minute: number, candle: MinuteCandle): MinuteTrades {
  rng.reset(hash3(model.key, minute, 2));
  // Busier regimes trade more often: a mean rate from a few per second when calm to 50/s at the cap.
  const rate = Math.min(50, Math.max(1, 15 * candle.regime * (candle.volumeLots / model.lotsPerMinute)));
  let count = 0;
  for (let s = 0; s < 60; s++) {
    const n = Math.min(50, Math.max(1, Math.round(rate * (0.3 + 1.4 * rng.next()))));
    perSecond[s] = n;
    count += n;
  }
  const out: MinuteTrades = {
    minute,
    count,
    timestamp: new Float64Array(count),
    ticks: new Float64Array(count),
    lots: new Float64Array(count),
    buy: new Uint8Array(count),
  };
  fillTimes(out, minute * 60_000);
  fillPrices(out, candle);
  fillAmounts(out, candle.volumeLots);
  for (let j = 0; j < count; j++) {
    const prev = j === 0 ? candle.open : (out.ticks[j - 1] ?? 0);
    const now = out.ticks[j] ?? 0;
    out.buy[j] = now > prev ? 1 : now < prev ? 0 : rng.next() < 0.5 ? 1 : 0;
  }
  return out;
}

function fillTimes(out: MinuteTrades, start: number): void {
  let j = 0;
  const offsets: number[] = [];
  for (let s = 0; s < 60; s++) {
    const n = perSecond[s] ?? 0;
    offsets.length = 0;
    for (let k = 0; k < n; k++) offsets.push(rng.int(1000));
    offsets.sort((a, b) => a - b);
    for (const offset of offsets) out.timestamp[j++] = start + s * 1000 + offset;
  }
}

/** Bridges between the pinned points (open, high, low, close), clamped inside [low, high]. */
function fillPrices(out: MinuteTrades, candle: MinuteCandle): void {
  const last = out.count - 1;
  const highAt = 1 + rng.int(last - 1);
  let lowAt = 1 + rng.int(last - 2);
  if (lowAt >= highAt) lowAt++;
  const pins = [
    [0, candle.open],
    [highAt, candle.high],
    [lowAt, candle.low],
    [last, candle.close],
  ].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  const sigma = ((candle.high - candle.low) * 0.35) / Math.sqrt(out.count);
  for (let p = 0; p < 3; p++) {
    const [fromIndex = 0, fromPrice = 0] = pins[p] ?? [];
    const [toIndex = 0, toPrice = 0] = pins[p + 1] ?? [];
    const span = toIndex - fromIndex;
    let w = 0;
    const start = out.ticks;
    for (let j = fromIndex + 1; j < toIndex; j++) {
      w += sigma * rng.gaussian();
      start[j] = w; // the walk; bent into a bridge below
    }
    const end = w + sigma * rng.gaussian();
    for (let j = fromIndex + 1; j < toIndex; j++) {
      const f = (j - fromIndex) / span;
      const bridged = fromPrice + (toPrice - fromPrice) * f + (start[j] ?? 0) - end * f;
      start[j] = Math.min(candle.high, Math.max(candle.low, Math.round(bridged)));
    }
    out.ticks[fromIndex] = fromPrice;
    out.ticks[toIndex] = toPrice;
  }
}

/** Splits the volume into positive whole lots, one per trade, with exponential weights. */
function fillAmounts(out: MinuteTrades, volumeLots: number): void {
  const spare = volumeLots - out.count; // every trade gets one lot first
  let weightSum = 0;
  for (let j = 0; j < out.count; j++) {
    const w = -Math.log(rng.next());
    out.lots[j] = w;
    weightSum += w;
  }
  let given = 0;
  for (let j = 0; j < out.count; j++) {
    const extra = Math.floor(((out.lots[j] ?? 0) / weightSum) * spare);
    out.lots[j] = 1 + extra;
    given += extra;
  }
  // Rounding leaves a few lots over: the first trades take one more each.
  for (let j = 0; given < spare; j = (j + 1) % out.count) {
    out.lots[j] = (out.lots[j] ?? 0) + 1;
    given++;
  }
}
