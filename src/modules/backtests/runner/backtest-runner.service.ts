import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { expandGrid, rankBy, walkForwardSplits } from '../../../domain/backtest';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { BacktestRunsRepository } from '../backtest-runs.repository';
import type { BacktestRequest, SweepRequest } from '../backtest-request';
import type { BacktestJob, BacktestJobResult } from './backtest-job';
import { sharedColumns } from './backtest-job';
import { backtestResultView } from './backtest-result.view';
import { BacktestProgressFeed, type BacktestProgress } from './backtest-progress.feed';
import { BacktestWorkerPool } from './backtest-worker-pool';
import { CandleLoader } from './candle-loader';

const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

type Reporter = (change: Partial<Omit<BacktestProgress, 'id' | 'kind' | 'status'>>) => void;

class JobFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs accepted backtests and sweeps in the background: candles through the venue adapter, the
 * computation on the worker pool, the result (or a failure with its code) into backtest_runs.
 */
@Injectable()
export class BacktestRunner implements OnModuleInit, OnModuleDestroy {
  private readonly log: Logger;
  private readonly active = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly runs: BacktestRunsRepository,
    private readonly loader: CandleLoader,
    private readonly pool: BacktestWorkerPool,
    private readonly progress: BacktestProgressFeed,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'backtests' });
  }

  /**
   * Every HEARTBEAT_MS this instance marks its runs alive and fails the runs of instances that
   * stopped beating for STALE_MS (several app instances may share the database).
   */
  async onModuleInit(): Promise<void> {
    await this.tick();
    this.heartbeat = setInterval(() => void this.tick(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
  }

  private async tick(): Promise<void> {
    try {
      await this.runs.beat([...this.active]);
      const abandoned = await this.runs.failAbandoned(STALE_MS, new Date());
      if (abandoned.length > 0)
        this.log.warn({ abandoned }, 'backtest runs whose instance stopped were failed');
    } catch (error: unknown) {
      this.log.warn({ err: error }, 'backtest heartbeat failed');
    }
  }

  /** Starts a backtest; settles when it is stored (callers do not wait: POST answers 202). */
  async backtest(runId: string, request: BacktestRequest): Promise<void> {
    const report = this.reporter(runId, 'backtest');
    await this.guard(runId, report, async () => {
      const job = await this.prepare(runId, request, report);
      const bars = job.candles.close.length;
      const result = await this.execute(job, (done) =>
        report({ stage: 'running', bars, barsDone: done, percent: Math.min(99, (done / bars) * 100) }),
      );
      return { view: backtestResultView(result, bars), hash: result.hash };
    });
  }

  async sweep(runId: string, request: SweepRequest): Promise<void> {
    const report = this.reporter(runId, 'sweep');
    await this.guard(runId, report, async () => {
      const base = await this.prepare(runId, request, report);
      const cells = expandGrid(request.grid).map((g) => ({ ...request.params, ...g }));
      const n = base.candles.close.length;
      const folds =
        request.walkForward === undefined
          ? []
          : walkForwardSplits(n, request.walkForward.folds, request.walkForward.trainFraction);
      const total = cells.length * (1 + folds.length) + folds.length;
      let done = 0;
      const counted = async (job: BacktestJob): Promise<BacktestJobResult> => {
        const result = await this.execute(job);
        done++;
        report({
          stage: 'running',
          bars: n,
          cells: total,
          cellsDone: done,
          percent: Math.min(99, (done / total) * 100),
        });
        return result;
      };
      report({ stage: 'running', bars: n, cells: total, cellsDone: 0, percent: 0 });
      const runAll = async (window?: { from: number; to: number }) =>
        Promise.all(
          cells.map(async (params) => ({ params, ...(await counted({ ...base, params, window })) })),
        );
      const ranked = rankBy(await runAll(), request.rankBy).map(({ rank, score, run }) => ({
        rank,
        score: Number.isNaN(score) ? null : score,
        params: run.params,
        metrics: run.metrics,
        hash: run.hash,
      }));
      if (request.walkForward === undefined) return { view: { rankBy: request.rankBy, bars: n, ranked } };
      const foldResults = [];
      for (const split of folds) {
        const best = rankBy(await runAll(split.train), request.rankBy)[0];
        if (best === undefined) continue;
        const test = await counted({ ...base, params: best.run.params, window: split.test });
        foldResults.push({
          fold: split.fold,
          train: split.train,
          test: split.test,
          bestParams: best.run.params,
          trainScore: Number.isNaN(best.score) ? null : best.score,
          testMetrics: test.metrics,
          testHash: test.hash,
        });
      }
      return {
        view: {
          rankBy: request.rankBy,
          bars: n,
          ranked,
          walkForward: { ...request.walkForward, folds: foldResults },
        },
      };
    });
  }

  /** Publishes the run's progress (queued at once, so `backtest:{id}` can be subscribed after the 202). */
  private reporter(runId: string, kind: 'backtest' | 'sweep'): Reporter {
    let last: BacktestProgress = { id: runId, kind, status: 'queued', stage: 'queued', percent: 0 };
    this.progress.publish(last);
    return (change) => {
      const status =
        change.stage === 'completed'
          ? 'completed'
          : change.stage === 'failed'
            ? 'failed'
            : change.stage === 'queued'
              ? 'queued'
              : 'running';
      last = { ...last, ...change, status };
      this.progress.publish(last);
    };
  }

  private async prepare(runId: string, request: BacktestRequest, report: Reporter): Promise<BacktestJob> {
    const symbol = request.symbols[0] ?? '';
    const { market, timeframeMs } = await this.loader.market(request.exchange, symbol, request.timeframe);
    report({ stage: 'loading candles' });
    await this.runs.running(runId, { stage: 'loading candles' });
    const rows = await this.loader.candles(
      request.exchange,
      symbol,
      request.timeframe,
      request.from,
      request.to,
      Date.now(),
    );
    if (rows.length === 0)
      throw new JobFailed('NO_CANDLES', `${request.exchange} has no ${symbol} candles in the range`);
    await this.runs.running(runId, { stage: 'running', bars: rows.length });
    report({ stage: 'running', bars: rows.length, percent: 0 });
    return {
      strategy: request.strategy,
      params: request.params,
      symbol,
      instrument: {
        tickSize: market.tickSize,
        lotSize: market.lotSize,
        minQuantity: market.minQuantity,
        maxLeverage: market.maxLeverage ?? 100,
      },
      timeframeMs,
      candles: sharedColumns(rows),
      initialBalance: request.initialBalance,
      fees: request.fees,
      slippageBps: request.slippageBps,
      latencyMs: request.latencyMs,
      funding: request.funding,
    };
  }

  private async execute(job: BacktestJob, onProgress?: (done: number) => void): Promise<BacktestJobResult> {
    const outcome = await this.pool.run(job, onProgress);
    if (!outcome.ok) throw new JobFailed(outcome.code, outcome.message);
    return outcome.result;
  }

  private async guard(
    runId: string,
    report: Reporter,
    work: () => Promise<{ view: object; hash?: string }>,
  ): Promise<void> {
    this.active.add(runId);
    try {
      const { view, hash } = await work();
      await this.runs.completed(runId, view, new Date());
      report({ stage: 'completed', percent: 100, ...(hash === undefined ? {} : { hash }) });
    } catch (error: unknown) {
      const code =
        error instanceof JobFailed
          ? error.code
          : typeof (error as { code?: unknown }).code === 'string'
            ? String((error as { code: string }).code)
            : 'BACKTEST_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ runId, code, message }, 'backtest failed');
      await this.runs.failed(runId, { code, message }, new Date()).catch((e: unknown) => {
        this.log.error({ runId, err: e }, 'could not record a failed backtest');
      });
      report({ stage: 'failed', error: { code, message } });
    } finally {
      this.active.delete(runId);
    }
  }
}
