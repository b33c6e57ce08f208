import type { BookLevel, BookSnapshot, EngineEvent, MatchingEngine } from '../../../domain/matching';
import { Dec } from '../../../domain/shared/decimal';
import type { SimMarketGenerator } from './sim-market.generator';
import { decimalsOf, type SimMarket } from './sim-markets';
import type { SimSnapshots } from './sim-snapshots';

type RawLevels = readonly (readonly [number, number])[];

interface RawBook {
  readonly bids: RawLevels;
  readonly asks: RawLevels;
}

function sameLevels(a: RawLevels, b: RawLevels): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || x[0] !== y[0] || x[1] !== y[1]) return false;
  }
  return true;
}

interface FeedStep {
  readonly at: number;
  readonly apply: () => EngineEvent[];
}

/**
 * Feeds one account's engine with the sim venue's market as time passes: the trades printed and
 * the funding settled since the last feed, in time order, then the book and mark at now. Prices
 * come from the generator as floats on the tick grid; they enter the engine as exact decimals.
 */
export class SimEngineFeed {
  /** Per symbol: trades and funding before this time are in the engine. */
  private readonly fedUntil = new Map<string, number>();
  /** Per symbol, the last book fed and its levels in decimals: the sim's book holds for a second or until a trade. */
  private readonly lastBook = new Map<string, { raw: RawBook; book: BookSnapshot }>();

  constructor(
    private readonly engine: MatchingEngine,
    private readonly generator: SimMarketGenerator,
    private readonly snapshots: SimSnapshots,
  ) {}

  /** The account has nothing in this market: its next feed starts from then, like a first one. */
  restartAt(symbol: string): void {
    this.fedUntil.delete(symbol);
  }

  catchUp(markets: Iterable<SimMarket>, now: number): EngineEvent[] {
    const events: EngineEvent[] = [];
    for (const market of markets) {
      const from = this.fedUntil.get(market.symbol);
      // A market fed for the first time starts from now: its past trades met no order of ours.
      if (from !== undefined && from <= now) {
        for (const step of this.stepsBetween(market, from, now + 1)) events.push(...step.apply());
      }
      if (from === undefined || from <= now) {
        events.push(...this.engine.onBook(this.bookAt(market, now), now));
        events.push(
          ...this.engine.onMark(
            market.symbol,
            this.price(market, this.generator.markPrice(market.symbol, now)),
            now,
          ),
        );
        this.fedUntil.set(market.symbol, now + 1);
      }
    }
    return events;
  }

  private stepsBetween(market: SimMarket, from: number, to: number): FeedStep[] {
    const symbol = market.symbol;
    const lotDecimals = decimalsOf(market.lotSize);
    // Funding settles before the trades of the same millisecond: the position held at the funding
    // time is the one that pays.
    const funding: FeedStep[] = this.generator.fundingHistory(symbol, from, to).map((f) => ({
      at: f.timestamp,
      apply: () =>
        this.engine.applyFunding(
          symbol,
          new Dec(f.fundingRate.toFixed(8)),
          this.price(market, this.generator.markPrice(symbol, f.timestamp)),
          f.timestamp,
        ),
    }));
    const trades: FeedStep[] = this.generator.trades(symbol, from, to).map((t) => ({
      at: t.timestamp,
      apply: () =>
        this.engine.onTrade(
          { symbol, price: this.price(market, t.price), quantity: new Dec(t.amount.toFixed(lotDecimals)) },
          t.timestamp,
        ),
    }));
    return [...funding, ...trades].sort((a, b) => a.at - b.at);
  }

  private bookAt(market: SimMarket, now: number): BookSnapshot {
    const raw = this.snapshots.book(market, undefined, now);
    const last = this.lastBook.get(market.symbol);
    // the same levels as last time: the same decimals (otherwise 100 of them per order)
    if (last !== undefined && sameLevels(last.raw.bids, raw.bids) && sameLevels(last.raw.asks, raw.asks))
      return last.book;
    const book = this.inDecimals(market, raw);
    this.lastBook.set(market.symbol, { raw, book });
    return book;
  }

  private inDecimals(market: SimMarket, book: RawBook): BookSnapshot {
    const lotDecimals = decimalsOf(market.lotSize);
    const level = ([price, amount]: readonly [number, number]): BookLevel => ({
      price: this.price(market, price),
      quantity: new Dec(amount.toFixed(lotDecimals)),
    });
    return { symbol: market.symbol, bids: book.bids.map(level), asks: book.asks.map(level) };
  }

  private price(market: SimMarket, value: number): Dec {
    return new Dec(value.toFixed(decimalsOf(market.tickSize)));
  }
}
