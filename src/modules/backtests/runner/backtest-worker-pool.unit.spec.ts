import { runJob, sharedColumns, type BacktestJob } from './backtest-job';
import { BacktestWorkerPool, workerEntry } from './backtest-worker-pool';

const HOUR = 3_600_000;

function job(params: Record<string, unknown>): BacktestJob {
  // a swinging series: sma-cross trades on every swing
  const rows = Array.from({ length: 600 }, (_, i) => {
    const close = Math.round((100 + 10 * Math.sin(i / 7)) * 100) / 100;
    return [i * HOUR, close, close + 1, close - 1, close, 1];
  });
  return {
    strategy: 'sma-cross',
    params,
    symbol: 'ETH/USDT:USDT',
    instrument: { tickSize: '0.01', lotSize: '0.001', minQuantity: '0.001', maxLeverage: 20 },
    timeframeMs: HOUR,
    candles: sharedColumns(rows),
    initialBalance: '5000',
  };
}

describe('backtest worker pool', () => {
  const pool = new BacktestWorkerPool();
  afterAll(() => pool.onModuleDestroy());

  it('loads the worker from the TypeScript source under Jest (the .js next to it in dist)', () => {
    expect(workerEntry().file).toMatch(/backtest\.worker\.ts$/);
    expect(workerEntry().execArgv).toEqual(['--require', expect.stringContaining('@swc-node')]);
  });

  it('gives in a worker thread exactly what the run gives in-process, for jobs run in parallel', async () => {
    const jobs = [3, 5, 8].map((fast) => job({ fast, slow: 20, mode: 'long-short', quantity: 1 }));
    const outcomes = await Promise.all(jobs.map((j) => pool.run(j)));
    outcomes.forEach((outcome, i) => {
      const inProcess = runJob(jobs[i] as BacktestJob);
      if (!outcome.ok || !inProcess.ok) throw new Error(JSON.stringify([outcome, inProcess]));
      expect(outcome.result.metrics.tradeCount).toBeGreaterThan(5);
      expect(outcome.result.hash).toBe(inProcess.result.hash);
      expect(Array.from(outcome.result.equity.equity)).toEqual(Array.from(inProcess.result.equity.equity));
    });
  });

  it('reports a refused configuration as a failed outcome, not a crash', async () => {
    const outcome = await pool.run(job({ fast: 30, slow: 20 }));
    expect(outcome).toEqual({
      ok: false,
      code: 'INVALID_STRATEGY_PARAMS',
      message: expect.stringContaining('fast'),
    });
  });
});
