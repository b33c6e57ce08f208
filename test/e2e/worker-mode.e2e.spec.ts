import { startApp, type RunningApp } from '../support/app-harness';

// MODE=worker needs a database server (the embedded one serves a single process).
const withServer = process.env.DATABASE_URL ? describe : describe.skip;

withServer('MODE=worker over HTTP', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ env: { MODE: 'worker' } });
  });
  afterAll(async () => {
    await running.close();
  });

  it('answers the probes and the metrics scrape', async () => {
    await running.as(null).get('/healthz').expect(200);
    await running.as(null).get('/metrics').expect(200);
    const ready = await running.as(null).get('/readyz');
    expect([200, 503]).toContain(ready.status);
    expect(ready.body).not.toHaveProperty('error.code', 'WORKER_INSTANCE');
  });

  it.each([
    ['get', '/v1/exchanges'],
    ['post', '/v1/orders'],
    ['get', '/openapi.json'],
    ['get', '/v1/nothing-here'],
  ] as const)(
    '%s %s is 503 WORKER_INSTANCE in the error shape, even with a valid key',
    async (method, path) => {
      const res = await running.as()[method](path);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'WORKER_INSTANCE', details: { mode: 'worker' } });
      expect(typeof res.body.requestId).toBe('string');
    },
  );
});
