import type { Instrument } from '../matching';

/** Candles as columns (one Float64Array per field, same length, ascending open time). */
export interface CandleColumns {
  readonly openTime: Float64Array; // ms
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Funding rates by funding time (ascending); the rate in force at a time is the last one at or before it. */
export interface FundingSeries {
  readonly time: Float64Array;
  readonly rate: Float64Array;
}

export interface BacktestOptions {
  readonly symbol: string;
  readonly instrument: Instrument;
  readonly timeframeMs: number;
  readonly initialBalance: string; // decimal string, quote currency
  /** Defaults: maker 0.0002, taker 0.0005 (a common perpetual tier). */
  readonly fees?: { readonly maker: string; readonly taker: string };
  /** Applied against the taker on market and stop fills; default 2 bps. */
  readonly slippageBps?: number;
  /** From a signal (the bar's close) to the order reaching the venue; default 0. */
  readonly latencyMs?: number;
  /** Default on, every 8 hours, at the series' rate or defaultRate (0.0001) without a series. */
  readonly funding?: {
    readonly enabled: boolean;
    readonly series?: FundingSeries;
    readonly defaultRate?: number;
    readonly intervalMs?: number;
  };
  readonly leverage?: number; // default 1
  /**
   * 'auto' (default): while no order can rest, market orders are filled without the engine (same
   * formulas, in integers); 'engine': the matching engine runs every order from the first bar, as in
   * a paper run. Both give the same fills and hash (tested); 'engine' is the slower reference.
   */
  readonly fillPath?: 'auto' | 'engine';
  /** Called every `everyBars` bars with the bars done so far (a worker reports progress with it). */
  readonly progress?: { readonly everyBars: number; readonly report: (done: number, total: number) => void };
  /** sha256 (or any digest) of a string, injected: the domain does not import node:crypto. */
  readonly hash: (canonicalJson: string) => string;
}

/** The assumptions a result was computed under, printed with it. */
export interface BacktestAssumptions {
  readonly symbol: string;
  readonly timeframeMs: number;
  readonly initialBalance: string;
  readonly makerFeeRate: string;
  readonly takerFeeRate: string;
  readonly slippageBps: number;
  readonly latencyMs: number;
  readonly funding: {
    readonly enabled: boolean;
    readonly intervalMs: number;
    readonly source: 'series' | 'default';
    readonly defaultRate: number;
  };
  readonly leverage: number;
  readonly fillModel: string;
}

/** One round trip, flat to flat (a flip closes one and opens the next). Money as decimal strings. */
export interface BacktestTrade {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly entryTime: number;
  readonly exitTime: number;
  readonly quantity: string; // the total quantity opened
  readonly entryPrice: string; // quantity-weighted averages
  readonly exitPrice: string;
  readonly grossPnl: string;
  readonly fees: string;
  readonly funding: string; // received: negative when paid
  readonly netPnl: string; // grossPnl - fees + funding
}

export interface BacktestMetrics {
  readonly initialEquity: number;
  readonly finalEquity: number;
  readonly totalReturn: number; // 0.1 = +10 %
  readonly cagr: number;
  readonly sharpe: number; // per-bar returns, annualised with sqrt(bars per 365-day year), rf = 0
  readonly sortino: number;
  readonly maxDrawdown: number; // 0.25 = 25 % below the running peak
  readonly winRate: number | null; // over closed trades; null without any
  readonly profitFactor: number | null; // gross wins / gross losses; null without a loss
  readonly exposure: number; // fraction of bars closed with a position
  readonly tradeCount: number;
  readonly fees: string;
  readonly funding: string;
  readonly slippageCost: number; // estimate: |fill - reference price| * quantity over taker fills
}

export interface BacktestRefusal {
  readonly at: number;
  readonly ref: string;
  readonly code: string;
  readonly message: string;
}

export interface BacktestResult {
  readonly trades: readonly BacktestTrade[];
  readonly openTrade: BacktestTrade | null; // still open at the end, valued at the last close
  readonly equity: { readonly time: Float64Array; readonly equity: Float64Array };
  readonly metrics: BacktestMetrics;
  readonly assumptions: BacktestAssumptions;
  readonly signalCount: number;
  readonly fillCount: number;
  readonly refusals: readonly BacktestRefusal[];
  readonly failure: { readonly hook: string; readonly at: number; readonly message: string } | null;
  readonly hash: string;
}
