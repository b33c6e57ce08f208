import type { Socket } from 'socket.io-client';
import { startApp, type RunningApp } from '../support/app-harness';
import { connectStream } from './sim-app-helpers';
import { TestStrategiesModule } from '../int/strategies/test-strategies.module';
import { eventually, openAccount } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface StrategyBody {
  id: string;
  status: string;
  run: number;
  mode: string | null;
  configuration: { version: number; params: Record<string, unknown>; symbols: string[] };
  lastFailure: { hook: string; message: string } | null;
  runtime: { source: string; table: { rows: Record<string, unknown>[] } | null } | null;
}

interface ExportedEvent {
  type: string;
  streamId: string;
  data: Record<string, unknown>;
  metadata: { actor: string };
}

interface OrderItem {
  orderId: string;
  clientOrderId: string;
  status: string;
  quantity: string;
}

describe('strategies (e2e): registration, paper runs on sim, failure isolation, stop, events, topic', () => {
  let running: RunningApp;
  let socket: Socket;

  beforeAll(async () => {
    running = await startApp({ env: { EXCHANGES: 'sim' }, imports: [TestStrategiesModule] });
    socket = await connectStream(running);
  });
  afterAll(async () => {
    socket.close();
    await running.close();
  });

  const register = async (body: Record<string, unknown>): Promise<StrategyBody> => {
    const res = await running.as().post('/v1/strategies').send(body);
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as StrategyBody;
  };
  const get = async (id: string): Promise<StrategyBody> =>
    (await running.as().get(`/v1/strategies/${id}`).expect(200)).body as StrategyBody;
  const events = async (id: string, run?: number): Promise<ExportedEvent[]> =>
    (
      (
        await running
          .as()
          .get(`/v1/strategies/${id}/events${run === undefined ? '' : `?run=${run}`}`)
          .expect(200)
      ).body as { events: ExportedEvent[] }
    ).events;

  it('lists the catalogue and validates params on create: 400 naming each problem, 404 for unknown code', async () => {
    const catalog = await running.as().get('/v1/strategies/catalog').expect(200);
    const ids = (catalog.body as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['sma-cross', 'oi-momentum', 'copy-trader', 'e2e-timer']));

    const accountId = await openAccount(running, { USDT: '1000' });
    const bad = await running
      .as()
      .post('/v1/strategies')
      .send({
        name: 'bad',
        strategy: 'e2e-ticker-buyer',
        accountId,
        symbols: [BTC],
        params: { quantity: -1, bigQuantity: 'x', nope: 1 },
      })
      .expect(400);
    const error = (bad.body as { error: { code: string; details: { problems: { path: string }[] } } }).error;
    expect(error.code).toBe('INVALID_STRATEGY_PARAMS');
    expect(error.details.problems.map((p) => p.path).sort()).toEqual(['bigQuantity', 'nope', 'quantity']);

    const unknown = await running
      .as()
      .post('/v1/strategies')
      .send({ name: 'x', strategy: 'no-such', accountId, symbols: [] })
      .expect(404);
    expect((unknown.body as { error: { code: string } }).error.code).toBe('UNKNOWN_STRATEGY');
    const symbol = await running
      .as()
      .post('/v1/strategies')
      .send({ name: 'x', strategy: 'e2e-timer', accountId, symbols: ['NOPE/USDT:USDT'] })
      .expect(400);
    expect((symbol.body as { error: { code: string } }).error.code).toBe('BAD_SYMBOL');
    const leaderless = await running
      .as()
      .post('/v1/strategies')
      .send({ name: 'x', strategy: 'copy-trader', accountId, symbols: [] })
      .expect(400);
    expect((leaderless.body as { error: { code: string } }).error.code).toBe(
      'INVALID_STRATEGY_CONFIGURATION',
    );

    const viewer = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'viewer', role: 'viewer' })
      .expect(201);
    const viewerKey = (viewer.body as { key: string }).key;
    await running
      .as(viewerKey)
      .post('/v1/strategies')
      .send({ name: 'v', strategy: 'e2e-timer', accountId, symbols: [] })
      .expect(403);
    const created = await register({
      name: 'cfg',
      strategy: 'e2e-timer',
      accountId,
      symbols: [],
      params: { throwOnTick: 0 },
    });
    expect(created).toMatchObject({
      status: 'registered',
      run: 0,
      configuration: { version: 1, params: { throwOnTick: 0 } },
    });
    await running.as(viewerKey).get(`/v1/strategies/${created.id}`).expect(200);
    await running
      .as(viewerKey)
      .post(`/v1/strategies/${created.id}/start`)
      .send({ mode: 'paper' })
      .expect(403);
    const changed = await running
      .as()
      .put(`/v1/strategies/${created.id}`)
      .send({ accountId, symbols: [BTC], params: { throwOnTick: 5 } })
      .expect(200);
    expect((changed.body as StrategyBody).configuration).toMatchObject({ version: 2, symbols: [BTC] });
    await running.as().get('/v1/strategies/stg_missing').expect(404);
    await running.as().post(`/v1/strategies/${created.id}/stop`).send({}).expect(409);
  });

  it('a paper run on sim places orders through orders and risk: the refusal is respected, stop cancels the orders', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    // 0.001 BTC at ~56k is ~56 USDT: allowed; 0.1 BTC is ~5,600 USDT: refused.
    await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxOrderNotional: '1000' })
      .expect(200);
    const strategy = await register({
      name: 'buyer',
      strategy: 'e2e-ticker-buyer',
      accountId,
      symbols: [BTC],
    });

    const updates: { kind: string }[] = [];
    socket.on('update', (m: { topic: string; data: { kind: string } }) => {
      if (m.topic === `strategy:${strategy.id}`) updates.push(m.data);
    });
    const ack = (await socket.emitWithAck('subscribe', { topics: [`strategy:${strategy.id}`] })) as {
      accepted: string[];
    };
    expect(ack.accepted).toEqual([`strategy:${strategy.id}`]);

    const started = await running
      .as()
      .post(`/v1/strategies/${strategy.id}/start`)
      .send({ mode: 'paper' })
      .expect(200);
    expect(started.body).toMatchObject({ status: 'running', run: 1, mode: 'paper' });
    await running.as().post(`/v1/strategies/${strategy.id}/start`).send({ mode: 'paper' }).expect(409);

    const prefix = `stg.${strategy.id}.1.`;
    const working = await eventually(async () => {
      const page = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
      const mine = (page.body as { items: OrderItem[] }).items.filter((o) =>
        o.clientOrderId.startsWith(prefix),
      );
      return mine.some((o) => o.status === 'working') && mine.some((o) => o.status === 'rejected')
        ? mine
        : undefined;
    });
    // the big one was refused by risk: recorded on the order too, never sent
    expect(working.map((o) => `${o.quantity}:${o.status}`).sort()).toEqual(['0.001:working', '0.1:rejected']);

    const run = await eventually(async () => {
      const list = await events(strategy.id);
      return list.some((e) => e.type === 'StrategyOrderRefused') &&
        list.some((e) => e.type === 'StrategyOrderRouted')
        ? list
        : undefined;
    });
    const signalled = run.filter((e) => e.type === 'StrategySignalled');
    expect(signalled.map((e) => e.data.name)).toEqual(['e2e.small', 'e2e.big']);
    expect(signalled[0]?.data.inputs).toEqual({ last: expect.any(Number), price: expect.any(Number) });
    expect(signalled[0]?.metadata.actor).toBe('system:strategy-runner');
    const refused = run.find((e) => e.type === 'StrategyOrderRefused');
    expect(refused?.data).toMatchObject({ ref: 'r2', intent: 'place', code: 'RISK_REJECTED' });
    const routed = run.find((e) => e.type === 'StrategyOrderRouted');
    const smallOrder = working.find((o) => o.status === 'working');
    expect(routed?.data).toMatchObject({ ref: 'r1', orderId: smallOrder?.orderId });

    // the strategy heard the refusal (its table says so), and the topic pushed signals and the table
    const live = await eventually(async () => {
      const s = await get(strategy.id);
      return s.runtime?.table?.rows[0]?.refusals === 'r2:RISK_REJECTED' ? s : undefined;
    });
    expect(live.runtime?.source).toBe('live');
    await eventually(() =>
      Promise.resolve(
        updates.some((u) => u.kind === 'signal') && updates.some((u) => u.kind === 'runtime')
          ? true
          : undefined,
      ),
    );

    const stopped = await running
      .as()
      .post(`/v1/strategies/${strategy.id}/stop`)
      .send({ closePositions: true })
      .expect(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', runtime: null });
    await eventually(async () => {
      const order = await running
        .as()
        .get(`/v1/orders/${smallOrder?.orderId ?? ''}`)
        .expect(200);
      return (order.body as OrderItem).status === 'cancelled' ? true : undefined;
    });
    const after = await events(strategy.id);
    const stop = after.find((e) => e.type === 'StrategyStopped');
    expect(stop?.data).toMatchObject({
      reason: 'requested',
      closePositions: true,
      cancelledOrderIds: [smallOrder?.orderId],
      closingOrderIds: [],
      snapshot: { columns: ['tickers', 'refusals', 'closed'] },
    });
    const final = await get(strategy.id);
    expect(final.runtime).toMatchObject({
      source: 'final',
      table: { rows: [{ refusals: 'r2:RISK_REJECTED' }] },
    });
    await eventually(() => Promise.resolve(updates.some((u) => u.kind === 'state') ? true : undefined));

    const jsonl = await running.as().get(`/v1/strategies/${strategy.id}/events?format=jsonl`).expect(200);
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson');
    const lines = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportedEvent);
    expect(lines[0]?.type).toBe('StrategyStarted');
    expect(lines.at(-1)?.type).toBe('StrategyStopped');
    expect(lines.every((l) => l.streamId === `strategy-${strategy.id}` && l.data.run === 1)).toBe(true);
  });

  it('a throwing strategy is stopped with StrategyFailed while another keeps running', async () => {
    const accountId = await openAccount(running, { USDT: '1000' });
    const thrower = await register({
      name: 'thrower',
      strategy: 'e2e-timer',
      accountId,
      symbols: [],
      params: { throwOnTick: 2 },
    });
    const steady = await register({
      name: 'steady',
      strategy: 'e2e-timer',
      accountId,
      symbols: [],
      params: { throwOnTick: 0 },
    });
    await running.as().post(`/v1/strategies/${thrower.id}/start`).send({ mode: 'paper' }).expect(200);
    await running.as().post(`/v1/strategies/${steady.id}/start`).send({ mode: 'live' }).expect(200);

    const failed = await eventually(async () => {
      const s = await get(thrower.id);
      return s.status === 'stopped' ? s : undefined;
    });
    expect(failed.lastFailure).toMatchObject({ hook: 'onTimer', message: 'deliberate failure on tick 2' });
    const list = await events(thrower.id);
    expect(list.map((e) => e.type)).toEqual(['StrategyStarted', 'StrategyFailed', 'StrategyStopped']);
    expect(list[2]?.data).toMatchObject({ reason: 'failed', snapshot: { rows: [{ ticks: 2 }] } });

    const ticksOf = async () => Number((await get(steady.id)).runtime?.table?.rows[0]?.ticks ?? 0);
    const before = await ticksOf();
    await eventually(async () => ((await ticksOf()) >= before + 2 ? true : undefined));
    expect((await get(steady.id)).status).toBe('running');
    await running.as().get('/healthz').expect(200);
    await running.as().post(`/v1/strategies/${steady.id}/stop`).send({}).expect(200);
  });

  it("shows oi-momentum's per-symbol runtime table while it runs on sim", async () => {
    const accountId = await openAccount(running, { USDT: '10000' });
    const symbols = [BTC, 'ETH/USDT:USDT', 'SOL/USDT:USDT'];
    const strategy = await register({
      name: 'oi',
      strategy: 'oi-momentum',
      accountId,
      symbols,
      params: { warmupMs: 1500, minVol24hPct: 0, minTurnover24h: 0, maxSymbols: 3 },
    });
    await running.as().post(`/v1/strategies/${strategy.id}/start`).send({ mode: 'paper' }).expect(200);
    const live = await eventually(async () => {
      const s = await get(strategy.id);
      const rows = s.runtime?.table?.rows ?? [];
      return rows.length === 3 && rows.every((r) => typeof r.mark === 'number') ? s : undefined;
    });
    const table = live.runtime?.table as unknown as { columns: string[]; rows: Record<string, unknown>[] };
    expect(table.columns).toEqual(
      expect.arrayContaining([
        'symbol',
        'state',
        'mark',
        'priceMovePct',
        'oiValue',
        'oiMovePct',
        'nextFundingTime',
        'fundingCountdownS',
      ]),
    );
    expect(table.rows.map((r) => r.symbol).sort()).toEqual([...symbols].sort());
    for (const row of table.rows) {
      expect(row).toMatchObject({
        state: expect.any(String),
        oiValue: expect.any(Number),
        nextFundingTime: expect.any(Number),
      });
      expect(row.fundingCountdownS).toBeGreaterThanOrEqual(0);
    }
    await running.as().post(`/v1/strategies/${strategy.id}/stop`).send({}).expect(200);
  });

  it('lists strategies from the read model, filtered by status', async () => {
    await eventually(async () => {
      const res = await running.as().get('/v1/strategies?status=stopped').expect(200);
      return (res.body as StrategyBody[]).length >= 4 ? true : undefined;
    });
    const bad = await running.as().get('/v1/strategies?status=nope').expect(400);
    expect((bad.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });
});
