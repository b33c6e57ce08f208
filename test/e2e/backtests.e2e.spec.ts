import { io } from 'socket.io-client';
import { ExchangeRegistry } from '../../src/infrastructure/exchanges/exchange-registry';
import { EVENT_STORE_POOL } from '../../src/infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../src/infrastructure/event-store/sql-client';
import { BacktestRunsRepository } from '../../src/modules/backtests/backtest-runs.repository';
import { startApp, type RunningApp } from '../support/app-harness';
import { eventually } from '../support/subscription-fixture';

const BTC = 'BTC/USDT:USDT';
const HOUR = 3_600_000;
const FROM = Date.UTC(2024, 0, 1);
const TO = FROM + 30 * 24 * HOUR; // 720 hourly bars of the sim venue

interface Run {
  id: string;
  kind: string;
  status: string;
  error: { code: string; message: string } | null;
  result: Record<string, unknown> | null;
  request: Record<string, unknown>;
}

const backtest = {
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20, mode: 'long-short', quantity: 0.01 },
  exchange: 'sim',
  symbols: [BTC],
  timeframe: '1h',
  from: FROM,
  to: TO,
  initialBalance: '10000',
};

describe('backtests over HTTP against the sim venue', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const finished = async (id: string): Promise<Run> =>
    eventually(
      async () => (await app.as().get(`/v1/backtests/${id}`).expect(200)).body as Run,
      (run) => run.status === 'completed' || run.status === 'failed',
      30_000,
    );

  it('accepts with 202, runs in a worker thread, serves metrics, trades, equity, assumptions and hash', async () => {
    const accepted = await app.as().post('/v1/backtests').send(backtest).expect(202);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^bt_/), status: 'queued' });
    const run = await finished(accepted.body.id as string);
    expect(run.error).toBeNull();
    expect(run.status).toBe('completed');
    // the accepted request records the params with defaults and the costs left at their defaults
    expect(run.request).toMatchObject({
      strategy: 'sma-cross',
      params: backtest.params,
      initialBalance: '10000',
    });
    const result = run.result as {
      hash: string;
      bars: number;
      metrics: Record<string, unknown>;
      assumptions: Record<string, unknown>;
      trades: { netPnl: string; fees: string }[];
      equityCurve: { time: number; equity: number; drawdown: number }[];
    };
    expect(result.bars).toBe(720);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.metrics).toMatchObject({ initialEquity: 10000, tradeCount: result.trades.length });
    for (const key of [
      'totalReturn',
      'cagr',
      'sharpe',
      'sortino',
      'maxDrawdown',
      'winRate',
      'profitFactor',
      'exposure',
    ]) {
      expect(result.metrics).toHaveProperty(key);
    }
    expect(result.trades.length).toBeGreaterThan(5);
    // fees are on by default: every closed trade paid some
    expect(result.trades.every((t) => Number(t.fees) > 0)).toBe(true);
    expect(result.assumptions).toMatchObject({
      takerFeeRate: '0.0005',
      slippageBps: 2,
      funding: { enabled: true },
    });
    expect(result.equityCurve).toHaveLength(720);
    expect(result.equityCurve[0]?.time).toBe(FROM + HOUR);

    // same inputs, same result
    const again = await app.as().post('/v1/backtests').send(backtest).expect(202);
    const second = await finished(again.body.id as string);
    expect((second.result as { hash: string }).hash).toBe(result.hash);

    // perfect fills give a different (better) result: the hash tells them apart
    const free = await app
      .as()
      .post('/v1/backtests')
      .send({ ...backtest, fees: { maker: '0', taker: '0' }, slippage: 0, funding: { enabled: false } })
      .expect(202);
    const freeRun = await finished(free.body.id as string);
    expect((freeRun.result as { hash: string }).hash).not.toBe(result.hash);
    const finalOf = (r: Run): number =>
      (r.result as { metrics: { finalEquity: number } }).metrics.finalEquity;
    expect(finalOf(freeRun)).toBeGreaterThan(finalOf(run));
  });

  it('serves an HTML report with inline SVG charts and the trades table', async () => {
    const accepted = await app.as().post('/v1/backtests').send(backtest).expect(202);
    const run = await finished(accepted.body.id as string);
    const report = await app.as().get(`/v1/backtests/${run.id}/report`).expect(200);
    expect(report.headers['content-type']).toMatch(/^text\/html/);
    const html = report.text;
    expect(html).toContain('<svg');
    expect(html).toContain('Equity');
    expect(html).toContain('Drawdown');
    expect(html).toContain((run.result as { hash: string }).hash);
    const trades = (run.result as { trades: unknown[] }).trades.length;
    expect(html.match(/<tr><td>\d+<\/td>/g)?.length).toBe(trades);
    expect(html).not.toMatch(/<(script|link)\b/); // no external assets
  });

  it('refuses bad requests with clear 4xx codes before accepting anything', async () => {
    const post = (body: object) => app.as().post('/v1/backtests').send(body);
    const code = (r: { body: { error: { code: string } } }) => r.body.error.code;
    expect(code(await post({ ...backtest, strategy: 'nope' }).expect(404))).toBe('UNKNOWN_STRATEGY');
    expect(code(await post({ ...backtest, params: { fast: 30, slow: 20 } }).expect(400))).toBe(
      'INVALID_STRATEGY_PARAMS',
    );
    expect(code(await post({ ...backtest, exchange: 'nowhere' }).expect(400))).toBe('UNKNOWN_EXCHANGE');
    expect(code(await post({ ...backtest, symbols: ['NOPE/USDT:USDT'] }).expect(400))).toBe('BAD_SYMBOL');
    expect(code(await post({ ...backtest, to: FROM }).expect(400))).toBe('INVALID_BACKTEST_REQUEST');
    expect(code(await post({ ...backtest, timeframe: '7m' }).expect(400))).toBe('VALIDATION_FAILED');
    expect(code(await post({ ...backtest, fees: { maker: 'x', taker: '0' } }).expect(400))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await app.as().get('/v1/backtests/bt_missing').expect(404))).toBe('BACKTEST_NOT_FOUND');
  });

  it('runs a sweep over a grid on the pool, ranked by the metric, with a walk-forward split', async () => {
    const accepted = await app
      .as()
      .post('/v1/backtests/sweeps')
      .send({
        ...backtest,
        grid: { fast: [3, 5, 8], slow: [20, 30] },
        rankBy: 'sharpe',
        walkForward: { folds: 2, trainFraction: 0.6 },
      })
      .expect(202);
    expect(accepted.body.id).toMatch(/^sw_/);
    const run = await finished(accepted.body.id as string);
    expect(run.error).toBeNull();
    const result = run.result as {
      ranked: { rank: number; score: number | null; params: Record<string, unknown> }[];
      walkForward: { folds: { fold: number; bestParams: Record<string, unknown>; testMetrics: object }[] };
    };
    expect(result.ranked).toHaveLength(6);
    expect(result.ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const scores = result.ranked.map((r) => r.score ?? -Infinity);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.walkForward.folds.map((f) => f.fold)).toEqual([1, 2]);
    for (const f of result.walkForward.folds) expect(f.testMetrics).toHaveProperty('sharpe');

    expect(
      (
        await app
          .as()
          .post('/v1/backtests/sweeps')
          .send({ ...backtest, grid: { fast: [] }, rankBy: 'sharpe' })
          .expect(400)
      ).body.error.code,
    ).toBe('INVALID_BACKTEST_REQUEST');
  });

  it('streams progress on backtest:{id} up to the result hash', async () => {
    const socket = io(`${app.baseUrl}/v1/stream`, {
      transports: ['websocket'],
      auth: { apiKey: app.adminKey },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      // 30 days of minutes: 43,200 bars, progress from the worker every 10,000
      const accepted = await app
        .as()
        .post('/v1/backtests')
        .send({ ...backtest, timeframe: '1m' })
        .expect(202);
      const id = accepted.body.id as string;
      type Progress = { status: string; stage: string; percent: number; barsDone?: number; hash?: string };
      const seen: Progress[] = [];
      const done = new Promise<void>((resolve) => {
        const take = (m: { topic: string; data: Progress }) => {
          if (m.topic !== `backtest:${id}`) return;
          seen.push(m.data);
          if (m.data.status === 'completed' || m.data.status === 'failed') resolve();
        };
        socket.on('snapshot', take);
        socket.on('update', take);
      });
      const ack = (await socket.emitWithAck('subscribe', {
        topics: [`backtest:${id}`, 'backtest:bt_nope'],
      })) as {
        accepted: string[];
        errors: Record<string, { code: string }>;
      };
      expect(ack.accepted).toEqual([`backtest:${id}`]);
      expect(ack.errors['backtest:bt_nope']?.code).toBe('INVALID_TOPIC');
      await done;
      const last = seen[seen.length - 1] as Progress;
      const run = await finished(id);
      expect(last).toMatchObject({ status: 'completed', stage: 'completed', percent: 100 });
      expect(last.hash).toBe((run.result as { hash: string }).hash);
      const percents = seen.map((p) => p.percent);
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    } finally {
      socket.close();
    }
  });

  it('reads candles through the candle store: stores what it warmed up, then asks the venue only for what is missing', async () => {
    const pool = app.app.get<SqlPool>(EVENT_STORE_POOL, { strict: false });
    const sim = app.app.get(ExchangeRegistry, { strict: false }).get('sim');
    const from = Date.UTC(2024, 5, 1);
    const to = from + 10 * 24 * HOUR;
    const stored = async (a: number, b: number): Promise<number> => {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM candles WHERE exchange = 'sim' AND symbol = $1 AND timeframe = '1h'
           AND open_time >= $2 AND open_time < $3 AND final`,
        [BTC, a, b],
      );
      return rows[0]?.n ?? 0;
    };
    expect(await stored(from - 5 * 24 * HOUR, to)).toBe(0);
    const first = await app
      .as()
      .post('/v1/backtests')
      .send({ ...backtest, from, to })
      .expect(202);
    expect((await finished(first.body.id as string)).status).toBe('completed');
    expect(await stored(from, to)).toBe(240); // warmed up and kept

    // five more days before: the venue is asked only for those (recorded, the real adapter answers)
    const asked: { since: number; limit: number }[] = [];
    const fetchOHLCV = sim.fetchOHLCV.bind(sim);
    const spy = jest.spyOn(sim, 'fetchOHLCV').mockImplementation(async (symbol, timeframe, page) => {
      asked.push({ since: page?.since ?? NaN, limit: page?.limit ?? NaN });
      return fetchOHLCV(symbol, timeframe, page);
    });
    try {
      const wider = await app
        .as()
        .post('/v1/backtests')
        .send({ ...backtest, from: from - 5 * 24 * HOUR, to })
        .expect(202);
      const run = await finished(wider.body.id as string);
      expect(run.status).toBe('completed');
      expect((run.result as { bars: number }).bars).toBe(360);
    } finally {
      spy.mockRestore();
    }
    expect(asked.length).toBeGreaterThan(0);
    for (const page of asked) {
      expect(page.since).toBeGreaterThanOrEqual(from - 5 * 24 * HOUR);
      expect(page.since + (page.limit - 1) * HOUR).toBeLessThan(from);
    }
    expect(await stored(from - 5 * 24 * HOUR, to)).toBe(360);
  });

  it('fails a run whose instance stopped beating, instead of leaving it running', async () => {
    const runs = app.app.get(BacktestRunsRepository, { strict: false });
    const pool = app.app.get<SqlPool>(EVENT_STORE_POOL, { strict: false });
    await runs.insert({
      runId: 'bt_orphan',
      kind: 'backtest',
      request: backtest,
      requestedBy: 'test',
      createdAt: new Date(),
    });
    // Stale after 30 s here, beaten 45 s ago: the app's own heartbeat (stale after 60 s) leaves it
    // to this call, whenever its tick falls.
    expect(await runs.failAbandoned(30_000, new Date())).not.toContain('bt_orphan'); // it just beat
    await pool.query(
      `UPDATE backtest_runs SET heartbeat_at = now() - interval '45 seconds' WHERE run_id = 'bt_orphan'`,
    );
    expect(await runs.failAbandoned(30_000, new Date())).toEqual(['bt_orphan']);
    const run = (await app.as().get('/v1/backtests/bt_orphan').expect(200)).body as Run;
    expect(run).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
  });
});
