import { startApp, type RunningApp } from '../support/app-harness';

describe('accounts (e2e)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('opens a sim account and serves it, its balances and (no) positions', async () => {
    const created = await running
      .as()
      .post('/v1/accounts')
      .send({
        name: 'paper',
        exchange: 'sim',
        credentialsEnv: 'SIM_MAIN',
        initialBalances: { USDT: '10000' },
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({
      name: 'paper',
      exchange: 'sim',
      credentialsEnv: 'SIM_MAIN',
      riskStatus: 'ACTIVE',
    });
    const got = await running.as().get(`/v1/accounts/${id}`).expect(200);
    expect(got.body).toMatchObject({ id, initialBalances: { USDT: '10000' } });
    const balances = await running.as().get(`/v1/accounts/${id}/balances`).expect(200);
    expect(balances.body).toEqual([
      expect.objectContaining({ currency: 'USDT', initial: '10000', wallet: '10000', equity: '10000' }),
    ]);
    await running.as().get(`/v1/accounts/${id}/positions`).expect(200, []);
  });

  it('refuses a secret in credentialsEnv, an unknown exchange and bad balances with 400', async () => {
    const bad = [
      { name: 'x', exchange: 'sim', credentialsEnv: 'sk-live-abc/123+secret' },
      { name: 'x', exchange: 'nowhere' },
      { name: 'x', exchange: 'sim', initialBalances: { USDT: '-5' } },
      { name: 'x', exchange: 'sim', initialBalances: { USDT: 12 } },
      { exchange: 'sim' },
    ];
    for (const body of bad) {
      const res = await running.as().post('/v1/accounts').send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it('refuses a bad list limit with 400 instead of quietly using the default', async () => {
    for (const q of ['limit=abc', 'limit=-5', 'limit=0', 'limit=1.5', 'limit=1001']) {
      const res = await running.as().get(`/v1/accounts?${q}`);
      expect({ q, status: res.status, code: (res.body as { error?: { code: string } }).error?.code }).toEqual(
        {
          q,
          status: 400,
          code: 'VALIDATION_FAILED',
        },
      );
    }
    await running.as().get('/v1/accounts?limit=2').expect(200);
  });

  it('answers 404 for an unknown account', async () => {
    const res = await running.as().get('/v1/accounts/acc_missing').expect(404);
    expect(res.body).toMatchObject({ error: { code: 'ACCOUNT_NOT_FOUND' } });
  });
});
