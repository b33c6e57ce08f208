import type { OHLCV } from '../market-data.types';

export interface SequencedCandle {
  candle: OHLCV;
  closed: boolean;
}

/**
 * Closes a candle when the next one opens, for venues whose candle pushes carry no closed flag
 * (Hyperliquid). The local clock cannot decide it: it may disagree with the venue's, and a push
 * for the open candle would then read as closed and be "reopened" by the next push.
 */
export class CandleSequence {
  private current: OHLCV | undefined;

  accept(candle: OHLCV): SequencedCandle[] {
    const current = this.current;
    // A late push for a candle already reported closed: it stays final.
    if (current !== undefined && candle[0] < current[0]) return [];
    this.current = candle;
    if (current === undefined || candle[0] === current[0]) return [{ candle, closed: false }];
    return [
      { candle: current, closed: true },
      { candle, closed: false },
    ];
  }
}
