import { anchorLogPrice, hourBlock, type HourBlock, type SymbolModel } from './sim-price-path';

export interface MinuteCandle {
  readonly open: number; // ticks
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeLots: number;
  readonly regime: number;
}

/**
 * Hour blocks of one symbol with a one-block cache: sequential reads (a candle range, a book and
 * its ticker) reuse the block and chain the shared anchor instead of recomputing it. The cache
 * only saves time; every value is the same function of time with or without it.
 */
export class CandleSource {
  private block: HourBlock | undefined;
  private endAnchor: { hour: number; log: number } | undefined;

  constructor(readonly model: SymbolModel) {}

  hour(hour: number): HourBlock {
    const cached = this.block;
    if (cached !== undefined && cached.hour === hour) return cached;
    const start =
      this.endAnchor !== undefined && this.endAnchor.hour === hour ? this.endAnchor.log : undefined;
    const end = anchorLogPrice(this.model, hour + 1);
    const block = hourBlock(this.model, hour, start, end);
    this.block = block;
    this.endAnchor = { hour: hour + 1, log: end };
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
