import { Dec, toWire } from '../shared/decimal';
import type { Candle, StrategySignal, Strategy } from '../strategy';
import { StrategySession } from '../strategy';
import type {
  BacktestAssumptions,
  BacktestOptions,
  BacktestRefusal,
  BacktestResult,
  CandleColumns,
} from './backtest.types';
import { computeMetrics } from './backtest-metrics';
import { BacktestVenue } from './backtest-venue';
import { resultJson } from './result-json';
import { TradeLedger } from './trade-ledger';
import { compileInstrument } from '../matching/instrument-spec';
import { moneyToDec } from '../matching/fixed-point';

/** A strategy that re-places on every refusal would otherwise loop within one bar forever. */
const MAX_INTENTS_PER_BAR = 10_000;
const FUNDING_INTERVAL_MS = 8 * 3600 * 1000;
export const DEFAULT_FEES = { maker: '0.0002', taker: '0.0005' } as const;
export const DEFAULT_SLIPPAGE_BPS = 2;
export const DEFAULT_FUNDING_RATE = 0.0001;

export const FILL_MODEL =
  'signals at bar close; orders reach the venue at the open of the first bar at or after signal + latency; ' +
  'market: that open moved by the slippage against the taker, taker fee; limit: maker at its price when a later bar ' +
  'trades strictly through it (taker at once if it crosses on arrival); stop/take-profit: taker at the trigger ' +
  '(or the open when gapped) plus slippage; stops before limits within a bar; funding on the position at each funding time, at the bar open';

/** A Candle whose fields the loop rewrites each bar: hooks must not keep it (see Strategy). */
type MutableCandle = { -readonly [K in keyof Candle]: Candle[K] };

export function backtestAssumptions(options: BacktestOptions): BacktestAssumptions {
  const fees = options.fees ?? DEFAULT_FEES;
  const funding = options.funding ?? { enabled: true };
  return {
    symbol: options.symbol,
    timeframeMs: options.timeframeMs,
    initialBalance: options.initialBalance,
    makerFeeRate: fees.maker,
    takerFeeRate: fees.taker,
    slippageBps: options.slippageBps ?? DEFAULT_SLIPPAGE_BPS,
    latencyMs: options.latencyMs ?? 0,
    funding: {
      enabled: funding.enabled,
      intervalMs: funding.intervalMs ?? FUNDING_INTERVAL_MS,
      source: funding.series === undefined ? 'default' : 'series',
      defaultRate: funding.defaultRate ?? DEFAULT_FUNDING_RATE,
    },
    leverage: options.leverage ?? 1,
    fillModel: FILL_MODEL,
  };
}

/**
 * Runs a strategy over one symbol's candles with the matching engine. Deterministic: the same
 * strategy, candles and options give the same result and hash. The per-bar path is float64 (the
 * indicators, the strategy's hook, the equity); the engine's decimals only run when an order is
 * routed, a working order can fill, or funding is due on a position.
 */
export function runBacktest(
  strategy: Strategy<unknown>,
  data: CandleColumns,
  options: BacktestOptions,
): BacktestResult {
  const a = backtestAssumptions(options);
  const symbol = options.symbol;
  const tf = options.timeframeMs;
  const session = new StrategySession(strategy, [symbol]);
  const ledger = new TradeLedger(symbol, compileInstrument(options.instrument));
  const refusals: BacktestRefusal[] = [];
  // signals waiting for the bar that takes them to the venue, and when each reaches it: two arrays,
  // not an object per signal (the queue stays in time order: latency is constant, time only moves forward)
  const queue: StrategySignal[] = [];
  const queueAt: number[] = [];
  let signalCount = 0;
  let fillCount = 0;
  const enqueue = (signals: readonly StrategySignal[], at: number): void => {
    for (let k = 0; k < signals.length; k++) {
      queue.push(signals[k] as StrategySignal);
      queueAt.push(at + a.latencyMs);
    }
    signalCount += signals.length;
  };
  const venue = new BacktestVenue(
    options.instrument,
    {
      makerFeeRate: a.makerFeeRate,
      takerFeeRate: a.takerFeeRate,
      initialBalance: a.initialBalance,
      slippageBps: a.slippageBps,
      leverage: a.leverage,
      fillPath: options.fillPath,
    },
    {
      fill(fill) {
        fillCount++;
        ledger.onFill(fill);
        const report = {
          ref: fill.ref,
          fillId: fill.fillId,
          at: fill.at,
          symbol,
          side: fill.side,
          price: fill.price,
          quantity: fill.quantity,
          fee: fill.feeNumber,
          remaining: fill.remaining,
        };
        enqueue(session.fill(report, fill.at), fill.at);
      },
      refused(ref, intent, code, message, at) {
        refusals.push({ at, ref, code, message });
        enqueue(session.refused({ ref, at, intent, code, message }, at), at);
      },
      closed(ref, reason, at) {
        enqueue(session.orderClosed({ ref, at, reason }, at), at);
      },
    },
  );

  const n = data.close.length;
  const { openTime, open, high, low, close, volume } = data;
  const equity = new Float64Array(n);
  const equityTime = new Float64Array(n); // each bar's close (Float64Array.from with a map is ~50x slower)
  const fundingSeries = options.funding?.series;
  let fundingIndex = 0;
  let nextFunding =
    n > 0 ? Math.ceil((openTime[0] as number) / a.funding.intervalMs) * a.funding.intervalMs : 0;
  let barsInMarket = 0;
  const candle: MutableCandle = {
    symbol,
    openTime: 0,
    closeTime: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  const timerEvery = session.timerIntervalMs;
  const progress = options.progress;
  const progressEvery = progress === undefined ? Infinity : Math.max(1, Math.floor(progress.everyBars));
  let nextProgress = progressEvery;

  enqueue(session.start(n > 0 ? (openTime[0] as number) : 0), n > 0 ? (openTime[0] as number) : 0);
  const quiet: QuietStretch = { session, candle, data, tf, equity, equityTime, signals: NO_SIGNALS };
  for (let i = 0; i < n; i++) {
    if (queue.length === 0 && timerEvery === undefined && !venue.hasWorking) {
      // nothing to route, fill or time: only the hook and the equity until a bar needs more
      const start = i;
      const q = venue.quantity;
      const fundingAt = a.funding.enabled ? nextFunding : Infinity;
      i = quietBars(
        quiet,
        i,
        Math.min(n - 1, nextProgress - 1),
        fundingAt,
        venue.wallet,
        q,
        venue.entryPrice,
      );
      if (q !== 0) barsInMarket += i - start;
      if (quiet.signals.length > 0) {
        enqueue(quiet.signals, equityTime[i - 1] as number);
        quiet.signals = NO_SIGNALS;
      }
    }
    const t = openTime[i] as number;
    const o = open[i] as number;
    // orders reaching the venue at this open (and what their fills trigger at once)
    for (
      let routed = 0;
      routed < MAX_INTENTS_PER_BAR && queue.length > 0 && (queueAt[0] as number) <= t;
      routed++
    ) {
      const signal = queue.shift() as StrategySignal;
      queueAt.shift();
      venue.route(signal.intent, o, t);
    }
    if (venue.hasWorking) venue.touch(o, high[i] as number, low[i] as number, t);
    if (a.funding.enabled && t + tf > nextFunding) {
      for (; nextFunding < t + tf; nextFunding += a.funding.intervalMs) {
        if (nextFunding < t || venue.quantity === 0) continue;
        if (fundingSeries !== undefined) {
          while (
            fundingIndex + 1 < fundingSeries.time.length &&
            (fundingSeries.time[fundingIndex + 1] as number) <= nextFunding
          )
            fundingIndex++;
        }
        const rate =
          fundingSeries === undefined ? a.funding.defaultRate : (fundingSeries.rate[fundingIndex] ?? 0);
        const amount = venue.funding(rate, o, nextFunding);
        if (amount !== undefined) ledger.onFunding(amount);
      }
    }
    const c = close[i] as number;
    const q = venue.quantity;
    if (i === n - 1) venue.settle(); // the exact figure last
    equityTime[i] = t + tf;
    // two stores, not one of a conditional: V8 would box the float of the mixed branches per bar
    if (q === 0) equity[i] = venue.wallet;
    else equity[i] = venue.wallet + q * (c - venue.entryPrice);
    if (q !== 0) barsInMarket++;
    candle.openTime = t;
    candle.closeTime = t + tf;
    candle.open = o;
    candle.high = high[i] as number;
    candle.low = low[i] as number;
    candle.close = c;
    candle.volume = volume[i] as number;
    const signals = session.candle(candle, t + tf);
    if (signals.length > 0) enqueue(signals, t + tf);
    if (timerEvery !== undefined) enqueue(session.timer(t + tf), t + tf);
    if (i + 1 === nextProgress) {
      progress?.report(i + 1, n);
      nextProgress += progressEvery;
    }
  }
  const endTime = n > 0 ? (openTime[n - 1] as number) + tf : 0;
  enqueue(session.stop(endTime), endTime);

  const lastClose = n > 0 ? (close[n - 1] as number) : 0;
  const totals = venue.totals();
  const metrics = computeMetrics({
    initialEquity: Number(a.initialBalance),
    equity,
    timeframeMs: tf,
    barsInMarket,
    trades: ledger.closed,
    fees: toWire(moneyToDec(totals.fees)),
    funding: toWire(moneyToDec(totals.funding)),
    slippageCost: venue.slippageCost,
  });
  const openTrade = ledger.openTrade(new Dec(lastClose), endTime);
  const trades = ledger.closed;
  return {
    trades,
    openTrade,
    equity: { time: equityTime, equity },
    metrics,
    assumptions: a,
    signalCount,
    fillCount,
    refusals,
    failure: session.failure ?? null,
    hash: options.hash(resultJson({ trades, openTrade, metrics, assumptions: a })),
  };
}

const NO_SIGNALS: readonly StrategySignal[] = Object.freeze([]);

/** The per-run state of the quiet path (one object, reused); `signals` is what its last hook emitted. */
interface QuietStretch {
  readonly session: StrategySession;
  readonly candle: MutableCandle;
  readonly data: CandleColumns;
  readonly tf: number;
  readonly equity: Float64Array;
  readonly equityTime: Float64Array;
  signals: readonly StrategySignal[];
}

/**
 * Bars [i, end) while nothing can happen but the strategy's candle hook: no order queued or
 * working, no funding due (a bar reaching `fundingAt`), no timer or progress report. The position
 * and wallet cannot change, so the equity is the same formula as the full path's with them fixed.
 * Returns the first bar it did not handle: after the first bar whose hook emitted (its signals in
 * `s.signals`), at a bar with funding due, or `end`. A small function of its own so the hook chain
 * (session, strategy, indicators) inlines into this loop.
 */
function quietBars(
  s: QuietStretch,
  i: number,
  end: number,
  fundingAt: number,
  wallet: number,
  q: number,
  entryPrice: number,
): number {
  const { session, candle, tf, equity, equityTime } = s;
  const { openTime, open, high, low, close, volume } = s.data;
  for (; i < end; i++) {
    const t = openTime[i] as number;
    const closeTime = t + tf;
    if (closeTime > fundingAt) return i;
    const c = close[i] as number;
    equityTime[i] = closeTime;
    if (q === 0) equity[i] = wallet;
    else equity[i] = wallet + q * (c - entryPrice); // (not one conditional store: see the full path)
    candle.openTime = t;
    candle.closeTime = closeTime;
    candle.open = open[i] as number;
    candle.high = high[i] as number;
    candle.low = low[i] as number;
    candle.close = c;
    candle.volume = volume[i] as number;
    const signals = session.candle(candle, closeTime);
    if (signals.length > 0) {
      s.signals = signals;
      return i + 1;
    }
  }
  return i;
}
