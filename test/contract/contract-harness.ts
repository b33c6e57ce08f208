import type {
  ExchangeAdapter,
  TradingAccount,
} from '../../src/infrastructure/exchanges/exchange-adapter.port';
import type { Timeframe } from '../../src/infrastructure/exchanges/market-data.types';
import type { VenueOrder } from '../../src/infrastructure/exchanges/trading.types';

/** Faults a fake venue can inject; the contract checks the adapter survives each one. */
export interface ContractFaults {
  /** Terminates every websocket connection the venue holds. */
  dropConnections(): Promise<void> | void;
  /** The next incremental book update skips a sequence number. */
  gapNextBookDiff(): void;
  /** The next klines / trades answer carries one garbage row. */
  malformNext(kind: 'klines' | 'trades'): void;
}

export interface ContractTrading {
  account: TradingAccount;
  /** Brings a resting order to a partial fill (a fake fills it, the sim crosses the book). */
  makeOrderPartlyFill?(order: VenueOrder): Promise<void>;
  /** Quantity of the contract's test order (default: the market's minimum quantity). */
  orderQuantity?: string;
  /**
   * Resolves once the session's own order and fill streams are subscribed at the venue (a fake
   * knows its private subscriptions), so no event of the test order is missed. Default: at once.
   */
  privateStreamsReady?(): Promise<void>;
}

/** What one adapter under test gives the contract suite. */
export interface ContractHarness {
  adapter: ExchangeAdapter;
  /** A market the venue lists, in ccxt form ('BTC/USDT:USDT') and in its native form ('BTCUSDT'). */
  symbol: string;
  nativeSymbol: string;
  timeframe: Timeframe;
  /** A time range the venue holds history for (fakes hold a fixed window; default: the last day). */
  knownRange?: { since: number; until: number };
  /**
   * Makes the venue produce live activity for `symbol` (a trade, a book change, a candle update),
   * so that streams have something to yield. Fakes push data here; a venue that ticks by itself
   * (the sim) leaves it out.
   */
  stimulate?(): Promise<void> | void;
  faults?: ContractFaults;
  trading?: ContractTrading;
  teardown(): Promise<void>;
}
