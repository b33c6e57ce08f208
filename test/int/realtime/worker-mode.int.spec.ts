import { startApp, type RunningApp } from '../../support/app-harness';
import { connectProbe } from './stream-client.harness';

// MODE=worker needs a database server (the embedded one serves a single process).
const withServer = process.env.DATABASE_URL ? describe : describe.skip;

withServer('realtime gateway in MODE=worker', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ env: { MODE: 'worker' } });
  });
  afterAll(async () => {
    await running.close();
  });

  it('serves no stream: a worker runs subscriptions, the api instances serve the clients', async () => {
    await running.as(null).get('/healthz').expect(200);
    await expect(connectProbe(running)).rejects.toThrow();
  });
});
