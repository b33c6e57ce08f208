import type { BookLevel, EngineEvent, MatchingEngine } from '../../../domain/matching';
import { Dec } from '../../../domain/shared/decimal';
import type { ExchangeAdapter } from '../../../infrastructure/exchanges/exchange-adapter.port';
import { ReopeningStreams } from '../runtime/reopening-streams';

/**
 * Feeds a paper account's engine from a live venue: the order book (each update replaces the
 * engine's view), the trades printed and the mark price, per symbol from its first order on. Every
 * stream is reopened after a pause when it breaks; the engine's events go to `onEvents`.
 */
export class LiveBookFeed {
  private readonly followed = new Set<string>();
  private readonly streams = new ReopeningStreams();

  constructor(
    private readonly venue: ExchangeAdapter,
    private readonly engine: MatchingEngine,
    private readonly now: () => number,
    private readonly onEvents: (events: EngineEvent[]) => void,
  ) {}

  /** Starts following a symbol; resolves once the engine has its first book (so a market order meets it). */
  async follow(symbol: string): Promise<void> {
    if (this.followed.has(symbol)) return;
    this.followed.add(symbol);
    const book = await this.venue.fetchOrderBook(symbol);
    this.onEvents(
      this.engine.onBook({ symbol, bids: book.bids.map(level), asks: book.asks.map(level) }, this.now()),
    );
    this.streams.follow(
      () => this.venue.watchOrderBook(symbol),
      (b) => {
        this.onEvents(
          this.engine.onBook({ symbol, bids: b.bids.map(level), asks: b.asks.map(level) }, this.now()),
        );
      },
    );
    this.streams.follow(
      () => this.venue.watchTrades(symbol),
      (trades) => {
        for (const t of trades)
          this.onEvents(
            this.engine.onTrade({ symbol, price: num(t.price), quantity: num(t.amount) }, this.now()),
          );
      },
    );
    this.streams.follow(
      () => this.venue.watchTicker(symbol),
      (t) => {
        const mark = t.markPrice ?? t.last;
        if (mark !== null) this.onEvents(this.engine.onMark(symbol, num(mark), this.now()));
      },
    );
  }

  /** Ends every stream without waiting (a pending next() of a quiet stream may never settle). */
  close(): void {
    this.streams.close();
  }
}

/** A venue number (ccxt's float) as an exact decimal, without the binary tail. */
function num(x: number): Dec {
  return new Dec(x.toPrecision(15));
}

function level([price, quantity]: [number, number]): BookLevel {
  return { price: num(price), quantity: num(quantity) };
}
