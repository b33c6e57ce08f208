/**
 * Closed trades held in units as rows of one growing Float64Array until the ledger writes them
 * out: one object per trade (with its decimal strings) made in a burst at the end of a run instead
 * of one per close kept alive through it, which the young-generation GC would copy twice (over a
 * year of trades that copying cost more than writing them).
 */
export const enum Row {
  Long, // 1 long, 0 short
  EntryTime,
  ExitTime,
  EntryLots,
  EntryTicks,
  ExitLots,
  ExitTicks,
  EntryTickLots,
  ExitTickLots,
  GrossUnits,
  FeesNumUnits,
  FeesDenUnits,
  FundingUnits,
  Size,
}

export class ClosedTradeRows {
  count = 0;
  private data = new Float64Array(Row.Size * 256);

  /** A new row's offset in `values` (its fields are written by the caller). */
  add(): number {
    const offset = this.count * Row.Size;
    if (offset + Row.Size > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.count++;
    return offset;
  }

  get values(): Float64Array {
    return this.data;
  }
}
