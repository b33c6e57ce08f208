/**
 * The venue's book as the engine last saw it, in ticks and lots, best level first. Taker orders
 * consume it, so two market orders against one snapshot do not both take the same liquidity; the
 * next snapshot replaces it.
 */
export class LiquiditySide {
  private ticks: number[] = [];
  private lots: number[] = [];
  private head = 0;

  constructor(private readonly isBid: boolean) {}

  replace(ticks: number[], lots: number[]): void {
    this.ticks = ticks;
    this.lots = lots;
    this.head = 0;
  }

  best(): number | undefined {
    return this.ticks[this.head];
  }

  /** True when an order at limitTicks on the other side would trade against this side. */
  crosses(limitTicks: number): boolean {
    const best = this.best();
    if (best === undefined) return false;
    return this.isBid ? limitTicks <= best : limitTicks >= best;
  }

  /** Lots available at limitTicks or better (all of them without a limit), up to wanted. */
  available(limitTicks: number | undefined, wanted: number): number {
    let total = 0;
    for (let i = this.head; i < this.ticks.length && total < wanted; i++) {
      const price = this.ticks[i] ?? 0;
      if (limitTicks !== undefined && !this.reaches(price, limitTicks)) break;
      total += this.lots[i] ?? 0;
    }
    return Math.min(total, wanted);
  }

  /** The price of the level where `wanted` lots would be complete (the worst price paid). */
  worstPriceFor(wanted: number): number | undefined {
    let total = 0;
    let last: number | undefined;
    for (let i = this.head; i < this.ticks.length; i++) {
      last = this.ticks[i];
      total += this.lots[i] ?? 0;
      if (total >= wanted) break;
    }
    return last;
  }

  /**
   * Takes up to wanted lots at limitTicks or better, calling onFill per level touched.
   * Returns the lots taken.
   */
  take(
    limitTicks: number | undefined,
    wanted: number,
    onFill: (ticks: number, lots: number) => number,
  ): number {
    let taken = 0;
    while (taken < wanted && this.head < this.ticks.length) {
      const price = this.ticks[this.head] ?? 0;
      if (limitTicks !== undefined && !this.reaches(price, limitTicks)) break;
      const levelLots = this.lots[this.head] ?? 0;
      const want = Math.min(levelLots, wanted - taken);
      // The callback may take less (reduce-only capping); zero stops the walk.
      const got = onFill(price, want);
      if (got <= 0) break;
      taken += got;
      if (got >= levelLots) this.head++;
      else this.lots[this.head] = levelLots - got;
    }
    return taken;
  }

  /** Removes lots from the front levels (resting orders filled against them). */
  consume(lots: number): void {
    let left = lots;
    while (left > 0 && this.head < this.ticks.length) {
      const levelLots = this.lots[this.head] ?? 0;
      if (levelLots > left) {
        this.lots[this.head] = levelLots - left;
        return;
      }
      left -= levelLots;
      this.head++;
    }
  }

  /** A level at `price` is reachable by an order limited at limitTicks on the other side. */
  private reaches(price: number, limitTicks: number): boolean {
    return this.isBid ? price >= limitTicks : price <= limitTicks;
  }
}
