import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../support/app-harness';
import { createServerDatabase, dropServerDatabase } from '../support/test-databases';
import { TestStrategiesModule } from '../int/strategies/test-strategies.module';
import { eventually, openAccount } from './trading-helpers';

interface StrategyBody {
  status: string;
  run: number;
  runtime: { source: string; table: { rows: { ticks: number }[] } | null } | null;
}

/**
 * A running strategy survives a restart: the process stops its runner without recording a stop,
 * and the next process resumes the run (same run number, a fresh session) from the store.
 */
describe('strategies (e2e): running strategies resume after a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebook-strategy-restart-'));
  let databaseUrl: string | undefined;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) databaseUrl = await createServerDatabase();
  });
  afterAll(async () => {
    if (databaseUrl !== undefined) await dropServerDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The same database every time: a server database, else the same embedded data directory; and
  // one admin key for every boot (the first boot on a database installs it).
  const adminKey = `tb_restartadmin_${randomBytes(18).toString('base64url')}`;
  const boot = (): Promise<RunningApp> =>
    startApp({
      imports: [TestStrategiesModule],
      env: { EXCHANGES: 'sim', DATA_DIR: dataDir, ADMIN_API_KEY: adminKey },
      ...(databaseUrl === undefined ? {} : { sharedDatabaseUrl: databaseUrl }),
    });

  it('resumes the run where the store says it is running', async () => {
    const first = await boot();
    let id: string;
    try {
      const accountId = await openAccount(first, { USDT: '1000' });
      const created = await first
        .as()
        .post('/v1/strategies')
        .send({ name: 'steady', strategy: 'e2e-timer', accountId, symbols: [], params: { throwOnTick: 0 } })
        .expect(201);
      id = (created.body as { id: string }).id;
      await first.as().post(`/v1/strategies/${id}/start`).send({ mode: 'paper' }).expect(200);
      await eventually(async () => {
        const s = (await first.as().get(`/v1/strategies/${id}`).expect(200)).body as StrategyBody;
        return (s.runtime?.table?.rows[0]?.ticks ?? 0) >= 2 ? true : undefined;
      });
    } finally {
      await first.close();
    }

    const second = await boot();
    try {
      const resumed = await eventually(async () => {
        const s = (await second.as().get(`/v1/strategies/${id}`).expect(200)).body as StrategyBody;
        return s.runtime?.source === 'live' && (s.runtime.table?.rows[0]?.ticks ?? 0) >= 1 ? s : undefined;
      });
      expect(resumed).toMatchObject({ status: 'running', run: 1 });
      const events = (
        (await second.as().get(`/v1/strategies/${id}/events`).expect(200)).body as {
          events: { type: string }[];
        }
      ).events;
      expect(events.map((e) => e.type)).toEqual(['StrategyStarted']);
      await second.as().post(`/v1/strategies/${id}/stop`).send({}).expect(200);
    } finally {
      await second.close();
    }
  });

  it('with two processes on one server database, one runs the strategies and the other takes over', async () => {
    if (databaseUrl === undefined) {
      // The embedded database belongs to one process: there is no second one to hand over to.
      expect(process.env.DATABASE_URL).toBeUndefined();
      return;
    }
    const first = await boot();
    const second = await boot();
    let firstClosed = false;
    try {
      const accountId = await openAccount(first, { USDT: '1000' });
      const created = await second
        .as()
        .post('/v1/strategies')
        .send({ name: 'shared', strategy: 'e2e-timer', accountId, symbols: [], params: { throwOnTick: 0 } })
        .expect(201);
      const id = (created.body as { id: string }).id;
      await second.as().post(`/v1/strategies/${id}/start`).send({ mode: 'paper' }).expect(200);
      const liveOn = async (app: RunningApp) =>
        ((await app.as().get(`/v1/strategies/${id}`).expect(200)).body as StrategyBody).runtime?.source ===
        'live';
      // the first process booted first and holds the lease: it runs the strategy, the second does not
      await eventually(async () => ((await liveOn(first)) ? true : undefined));
      expect(await liveOn(second)).toBe(false);

      await first.close();
      firstClosed = true;
      await eventually(async () => ((await liveOn(second)) ? true : undefined));
      await second.as().post(`/v1/strategies/${id}/stop`).send({}).expect(200);
    } finally {
      await second.close();
      if (!firstClosed) await first.close();
    }
  });
});
