import type { Logger } from 'pino';
import {
  StrategySession,
  type CreatedStrategy,
  type OpenOrderSnapshot,
  type OrderIntent,
  type PositionSnapshot,
  type StrategyFailure,
  type StrategyFeed,
  type StrategyRuntimeView,
  type StrategySignal,
} from '../../../domain/strategy';
import type { StrategyConfiguration, StrategyMode } from '../../../domain/strategy/lifecycle';
import type { ExchangeAdapter } from '../../../infrastructure/exchanges/exchange-adapter.port';
import type { Timeframe } from '../../../infrastructure/exchanges/market-data.types';
import type { TradingFeed } from '../../accounts';
import type { StrategyJournal } from '../strategy-journal';
import { followLeader, type LeaderSources } from './leader-inputs';
import { MarketInputs } from './market-inputs';
import { OwnOrderReports, type OwnOrderReport } from './own-order-reports';
import { RunRecorder } from './run-recorder';
import type { StrategyClock } from './strategy-clock';
import type { RouteResult, StrategyOrderRouter } from './strategy-order-router';
import type { StrategyUpdates } from './strategy-updates';

/** Market inputs waiting beyond this are dropped (a slow venue or store must not grow memory). */
const MAX_PENDING_INPUTS = 1_000;

export interface RunSpec {
  readonly strategyId: string;
  readonly run: number;
  readonly mode: StrategyMode;
  readonly configuration: StrategyConfiguration;
  /** From StrategyStarted: every order of the run has a client order id starting with it. */
  readonly runPrefix: string;
  readonly exchange: string;
}

export interface RunnerDeps {
  readonly journal: StrategyJournal;
  readonly router: StrategyOrderRouter;
  readonly feed: TradingFeed;
  readonly venue: ExchangeAdapter;
  readonly updates: StrategyUpdates;
  readonly clock: StrategyClock;
  readonly logger: Logger;
  /** Where the copy-trader's leader fills (Hyperliquid's websocket) and positions (its REST info) come from. */
  readonly leader: LeaderSources;
}

export interface RuntimeSnapshot {
  readonly at: number;
  readonly table: StrategyRuntimeView | null;
  readonly positions: readonly PositionSnapshot[];
  readonly openOrders: readonly OpenOrderSnapshot[];
  readonly droppedInputs: number;
}

/**
 * One running strategy, in-process: it feeds the session confirmed candles, tickers, its own fills
 * and order closes, leader fills (copy trading) and a timer, one call at a time; records every
 * signal (with its inputs) before routing its intent through the orders context; reports risk and
 * venue refusals back. A throwing hook fails the run: the runner goes quiet and hands over to
 * `onFailure`, which stops the strategy with events; nothing reaches the process or other runners.
 */
export class StrategyRunner {
  readonly session: StrategySession;
  /** The run prefix plus this process's epoch: refs restart at 1 after a restart, ids must not repeat. */
  private readonly prefix: string;
  private readonly reports: OwnOrderReports;
  private readonly recorder: RunRecorder;
  private readonly orderOfRef = new Map<string, string>();
  private readonly traded = new Set<string>();
  private readonly closers: (() => unknown)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private dropped = 0;
  private halted = false;

  constructor(
    readonly spec: RunSpec,
    created: CreatedStrategy,
    private readonly deps: RunnerDeps,
    private readonly onFailure: (runner: StrategyRunner, failure: StrategyFailure) => void,
  ) {
    this.prefix = `${spec.runPrefix}${deps.clock.now().toString(36)}.`;
    this.session = new StrategySession(created.strategy, spec.configuration.symbols, 'r');
    this.reports = new OwnOrderReports(spec.runPrefix);
    this.recorder = new RunRecorder(spec.strategyId, spec.run, deps.journal, deps.updates, deps.clock);
  }

  get strategyId(): string {
    return this.spec.strategyId;
  }

  get run(): number {
    return this.spec.run;
  }

  start(): void {
    const { configuration } = this.spec;
    const inputs = new MarketInputs(
      this.deps.venue,
      configuration.symbols,
      configuration.timeframe as Timeframe,
      {
        candle: (candle) => this.input((now) => this.session.candle(candle, now), true),
        ticker: (ticker) => this.input((now) => this.session.ticker(ticker, now), true),
        streamError: (what, error) =>
          this.deps.logger.warn(
            { strategyId: this.strategyId, what, err: error },
            'strategy input stream broke',
          ),
      },
    );
    this.closers.push(() => inputs.close());
    this.closers.push(
      this.deps.feed.subscribe('orders', configuration.accountId, (change) => {
        for (const report of this.reports.report(change.eventType, change.order, this.deps.clock.now()))
          this.ownOrder(report);
      }),
    );
    this.closers.push(
      this.deps.clock.every(this.session.timerIntervalMs ?? 1_000, () => {
        this.input((now) => this.session.timer(now), true);
        this.publishRuntime();
      }),
    );
    if (configuration.leader !== null) {
      const toSession = (feed: StrategyFeed) => this.input((now) => this.session.feed(feed, now), false);
      this.closers.push(
        ...followLeader(configuration.leader, this.deps.leader, () => this.deps.clock.now(), toSession, {
          logger: this.deps.logger,
          strategyId: this.strategyId,
        }),
      );
    }
    this.input((now) => this.session.start(now), false);
    inputs.open();
  }

  /** Stops feeding the strategy; a requested stop first runs onStop (its signals are recorded, not routed). */
  async halt(options: { runOnStop: boolean }): Promise<RuntimeSnapshot> {
    if (!this.halted) {
      this.halted = true;
      await Promise.allSettled(this.closers.map((close) => close()));
      await this.chain;
      if (options.runOnStop && this.session.failure === undefined) {
        const signals = this.session.stop(this.deps.clock.now());
        if (signals.length > 0) await this.recorder.signals(signals, false).catch(() => undefined);
      }
    }
    return this.snapshot();
  }

  snapshot(): RuntimeSnapshot {
    const now = this.deps.clock.now();
    const symbols = new Set([...this.spec.configuration.symbols, ...this.traded]);
    return {
      at: now,
      table: this.session.describe(now) ?? null,
      positions: [...symbols].map((s) => this.session.position(s)).filter((p) => p.quantity !== 0),
      openOrders: this.session.openOrders(),
      droppedInputs: this.dropped,
    };
  }

  private publishRuntime(): void {
    if (this.halted) return;
    const snapshot = this.snapshot();
    this.deps.updates.publish({
      kind: 'runtime',
      strategyId: this.strategyId,
      run: this.run,
      at: snapshot.at,
      table: snapshot.table,
    });
  }

  /** Queues one hook call; market inputs may be dropped under backlog, facts about orders never. */
  private input(call: (now: number) => readonly StrategySignal[], droppable: boolean): void {
    this.enqueue(async () => {
      const signals = call(this.deps.clock.now());
      if (this.failed()) return;
      await this.handle(signals);
    }, droppable);
  }

  private ownOrder(report: OwnOrderReport): void {
    this.enqueue(async () => {
      const now = this.deps.clock.now();
      switch (report.kind) {
        case 'fill':
          this.traded.add(report.fill.symbol);
          return this.after(this.session.fill(report.fill, now));
        case 'closed':
          return this.after(this.session.orderClosed(report.closed, now));
        case 'refused':
          return this.refused(report.refusal.ref, 'place', {
            ok: false,
            code: report.refusal.code,
            message: report.refusal.message,
            details: {},
          });
      }
    }, false);
  }

  private enqueue(step: () => Promise<void>, droppable: boolean): void {
    if (this.halted) return;
    if (droppable && this.pending >= MAX_PENDING_INPUTS) {
      this.dropped++;
      return;
    }
    this.pending++;
    this.chain = this.chain
      .then(() => (this.halted ? undefined : step()))
      .catch((error: unknown) =>
        this.fail({ hook: 'runner', at: this.deps.clock.now(), message: String(error) }),
      )
      .finally(() => this.pending--);
  }

  private async after(signals: readonly StrategySignal[]): Promise<void> {
    if (this.failed()) return;
    await this.handle(signals);
  }

  private async handle(signals: readonly StrategySignal[]): Promise<void> {
    if (signals.length === 0) return;
    await this.recorder.signals(signals, true);
    for (const signal of signals) {
      if (this.halted) return;
      await this.route(signal.intent);
    }
  }

  private async route(intent: OrderIntent): Promise<void> {
    const { accountId } = this.spec.configuration;
    let result: RouteResult;
    const clientOrderId = `${this.prefix}${intent.ref}`;
    if (intent.kind === 'place') {
      this.traded.add(intent.symbol);
      result = await this.deps.router.place(accountId, this.spec.exchange, clientOrderId, intent);
      if (result.ok) this.orderOfRef.set(intent.ref, result.orderId);
    } else {
      const orderId = this.orderOfRef.get(intent.ref);
      if (orderId === undefined) {
        result = {
          ok: false,
          code: 'UNKNOWN_REF',
          message: `no order of this run has ref ${intent.ref}`,
          details: {},
        };
      } else {
        result =
          intent.kind === 'amend'
            ? await this.deps.router.amend(orderId, intent)
            : await this.deps.router.cancel(orderId);
      }
    }
    if (!result.ok) return this.refused(intent.ref, intent.kind, result);
    await this.recorder.routed(intent.ref, intent.kind, result.orderId, clientOrderId);
  }

  /** A refusal is recorded, then told to the strategy (which may answer with more intents). */
  private async refused(
    ref: string,
    intent: OrderIntent['kind'],
    r: Extract<RouteResult, { ok: false }>,
  ): Promise<void> {
    await this.recorder.refused(ref, intent, r);
    const now = this.deps.clock.now();
    await this.after(this.session.refused({ ref, at: now, intent, code: r.code, message: r.message }, now));
  }

  private failed(): boolean {
    const failure = this.session.failure;
    if (failure === undefined) return false;
    this.fail(failure);
    return true;
  }

  /** Goes quiet at once; the stop (with its events) runs outside this runner's queue. */
  private fail(failure: StrategyFailure): void {
    if (this.halted) return;
    this.halted = true;
    void Promise.allSettled(this.closers.map((close) => close()));
    setImmediate(() => this.onFailure(this, failure));
  }
}
