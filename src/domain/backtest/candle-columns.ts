import type { CandleColumns } from './backtest.types';

/** From ccxt OHLCV rows [time, open, high, low, close, volume] to columns. */
export function candleColumns(rows: readonly (readonly number[])[]): CandleColumns {
  const n = rows.length;
  const cols = {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  rows.forEach((r, i) => {
    cols.openTime[i] = r[0] ?? NaN;
    cols.open[i] = r[1] ?? NaN;
    cols.high[i] = r[2] ?? NaN;
    cols.low[i] = r[3] ?? NaN;
    cols.close[i] = r[4] ?? NaN;
    cols.volume[i] = r[5] ?? 0;
  });
  return cols;
}

/** Bars [from, to) as views over the same buffers (no copy). */
export function sliceColumns(c: CandleColumns, from: number, to: number): CandleColumns {
  return {
    openTime: c.openTime.subarray(from, to),
    open: c.open.subarray(from, to),
    high: c.high.subarray(from, to),
    low: c.low.subarray(from, to),
    close: c.close.subarray(from, to),
    volume: c.volume.subarray(from, to),
  };
}
