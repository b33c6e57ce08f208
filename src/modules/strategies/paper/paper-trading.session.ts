import { MatchingEngine } from '../../../domain/matching';
import { Dec } from '../../../domain/shared/decimal';
import type {
  ExchangeAdapter,
  TradingAccount,
  TradingSession,
} from '../../../infrastructure/exchanges/exchange-adapter.port';
import { OrderRejectedByVenueError } from '../../../infrastructure/exchanges/exchange.errors';
import { EngineAccount } from '../../../infrastructure/exchanges/sim/engine-account';
import { SIM_DEFAULT_LEVERAGE, SIM_FEES } from '../../../infrastructure/exchanges/sim/sim-trading.session';
import type {
  AmendRequest,
  VenueBalance,
  VenueFill,
  VenueFunding,
  VenueOrder,
  VenueOrderRequest,
  VenuePosition,
} from '../../../infrastructure/exchanges/trading.types';
import { LiveBookFeed } from './live-book-feed';

/** Paper accounts pay what sim accounts pay: Binance USDⓈ-M's regular tier. */
export const PAPER_FEES = SIM_FEES;

interface Paper {
  readonly account: EngineAccount;
  readonly feed: LiveBookFeed;
  readonly settle: string;
}

/**
 * A paper account on a live venue: the sim venue's EngineAccount (the pure MatchingEngine, the order
 * ledger, the request mapping and the watch streams), fed from the venue's live book, trades and
 * mark (LiveBookFeed), stands in for the venue's matching. Nothing is sent to the venue, and the
 * orders context sees exactly the shapes it sees from sim.
 */
export class PaperTradingSession implements TradingSession {
  private readonly ready: Promise<Paper>;
  private closed = false;

  constructor(
    private readonly venue: ExchangeAdapter,
    private readonly tradingAccount: TradingAccount,
    private readonly now: () => number,
  ) {
    this.ready = this.build();
    this.ready.catch(() => undefined);
  }

  async createOrder(request: VenueOrderRequest): Promise<VenueOrder> {
    const { account, feed } = await this.open();
    const market = await this.venue.market(request.symbol);
    const existing = account.placed(request.clientOrderId);
    if (existing !== undefined) return existing;
    await feed.follow(market.symbol);
    return account.place(request, market.symbol, this.now());
  }

  async amendOrder(venueOrderId: string, symbol: string, amend: AmendRequest): Promise<VenueOrder> {
    const { account } = await this.open();
    const market = await this.venue.market(symbol);
    return account.amend(venueOrderId, market.symbol, amend, this.now());
  }

  async cancelOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    const { account } = await this.open();
    const market = await this.venue.market(symbol);
    return account.cancel(venueOrderId, market.symbol, this.now());
  }

  async fetchOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    const { account } = await this.open();
    return account.order(venueOrderId, (await this.venue.market(symbol)).symbol);
  }

  async fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    const { account } = await this.open();
    return account.openOrders(symbol === undefined ? undefined : (await this.venue.market(symbol)).symbol);
  }

  async fetchFills(options: { symbol?: string; since?: number } = {}): Promise<VenueFill[]> {
    const { account } = await this.open();
    const symbol =
      options.symbol === undefined ? undefined : (await this.venue.market(options.symbol)).symbol;
    return account.fills(symbol, options.since);
  }

  async fetchBalances(): Promise<VenueBalance[]> {
    const { account, settle } = await this.open();
    return [account.settlementBalance(settle)];
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    const { account } = await this.open();
    return account.positions((await this.venue.loadMarkets()).map((m) => m.symbol));
  }

  watchOrders(): AsyncIterable<VenueOrder> {
    return this.lazily((account) => account.watchOrders());
  }

  watchFills(): AsyncIterable<VenueFill> {
    return this.lazily((account) => account.watchFills());
  }

  watchFunding(): AsyncIterable<VenueFunding> {
    return this.lazily((account) => account.watchFunding());
  }

  async close(): Promise<void> {
    this.closed = true;
    const built = await this.ready.catch(() => undefined);
    built?.account.close();
    built?.feed.close();
  }

  private async build(): Promise<Paper> {
    const markets = (await this.venue.loadMarkets()).filter((m) => m.type !== 'spot' && m.active);
    const balances = Object.entries(this.tradingAccount.initialBalances ?? {});
    const settle = balances[0]?.[0] ?? markets.find((m) => m.settle !== null)?.settle ?? 'USDT';
    const engine = new MatchingEngine({
      instruments: markets.map((m) => ({
        symbol: m.symbol,
        contractType: 'linear',
        tickSize: new Dec(m.tickSize),
        lotSize: new Dec(m.lotSize),
        minQuantity: new Dec(m.minQuantity),
        maxLeverage: m.maxLeverage ?? SIM_DEFAULT_LEVERAGE,
      })),
      makerFeeRate: PAPER_FEES.maker,
      takerFeeRate: PAPER_FEES.taker,
      initialBalance: balances[0]?.[1] ?? '0',
      defaultLeverage: SIM_DEFAULT_LEVERAGE,
      idPrefix: 'paper-',
    });
    const account = new EngineAccount(engine);
    if (this.closed) account.close();
    const feed = new LiveBookFeed(this.venue, engine, this.now, (events) => account.apply(events));
    return { account, feed, settle };
  }

  private async open(): Promise<Paper> {
    if (this.closed) throw new OrderRejectedByVenueError('the trading session is closed', {});
    return this.ready;
  }

  /** A watch stream of the account once it is built (the venue's markets are loaded first). */
  private lazily<T>(watch: (account: EngineAccount) => AsyncIterable<T>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        let inner: AsyncIterator<T> | undefined;
        const started = this.ready.then((paper) => (inner = watch(paper.account)[Symbol.asyncIterator]()));
        return {
          next: async () => (await started).next(),
          return: async () => {
            const it = inner ?? (await started.catch(() => undefined));
            await it?.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }
}
