/** One candle series of the store: a venue's market (ccxt symbol) at one timeframe. */
export interface CandleSeries {
  exchange: string;
  symbol: string;
  timeframe: string;
  stepMs: number;
}

export function seriesKey(s: CandleSeries): string {
  return `${s.exchange}\u0000${s.symbol}\u0000${s.timeframe}`;
}
