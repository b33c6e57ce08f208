import { hourBlock, type HourBlock } from './sim-hour-block';
import {
  AnchorCache,
  anchorLogPrice,
  hourSummary,
  type HourSummary,
  type SymbolModel,
} from './sim-price-path';

export interface MinuteCandle {
  readonly open: number; // ticks
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeLots: number;
  readonly regime: number;
}

/**
 * Hour candles and hour blocks (their minutes) of one symbol, each with a one-entry cache:
 * sequential reads (a candle range, a book and its ticker) reuse the last one and chain the shared
 * anchor instead of recomputing it. The caches only save time; every value is the same function of
 * time with or without them.
 */
export class CandleSource {
  private summary: HourSummary | undefined;
  private block: HourBlock | undefined;
  private readonly anchors = new AnchorCache();
  /** What this source has drawn so far (diagnostics: tests check a request's cost with it). */
  readonly drawn = { hourCandles: 0, minuteBlocks: 0 };

  constructor(readonly model: SymbolModel) {}

  /** The hour's candle, without its minutes (about a microsecond). */
  hourCandle(hour: number): HourSummary {
    const cached = this.summary;
    if (cached !== undefined && cached.hour === hour) return cached;
    const start =
      cached !== undefined && cached.hour + 1 === hour
        ? cached.endLog
        : anchorLogPrice(this.model, hour, this.anchors);
    const end = anchorLogPrice(this.model, hour + 1, this.anchors);
    const summary = hourSummary(this.model, hour, start, end);
    this.drawn.hourCandles++;
    this.summary = summary;
    return summary;
  }

  /** The hour's sixty minutes, drawn conditioned on its candle. */
  hour(hour: number): HourBlock {
    const cached = this.block;
    if (cached !== undefined && cached.hour === hour) return cached;
    const block = hourBlock(this.model, this.hourCandle(hour));
    this.drawn.minuteBlocks++;
    this.block = block;
    return block;
  }

  minute(minute: number): MinuteCandle {
    const hour = Math.floor(minute / 60);
    const block = this.hour(hour);
    const i = minute - hour * 60;
    return {
      open: block.open[i] ?? 0,
      high: block.high[i] ?? 0,
      low: block.low[i] ?? 0,
      close: block.close[i] ?? 0,
      volumeLots: block.volumeLots[i] ?? 0,
      regime: block.regime,
    };
  }
}
