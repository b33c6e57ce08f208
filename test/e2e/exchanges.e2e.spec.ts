import { startApp, type RunningApp } from '../support/app-harness';

describe('GET /v1/exchanges', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ env: { EXCHANGES: 'sim' } });
  });

  afterAll(async () => {
    await running.close();
  });

  it('lists the configured exchanges with their capabilities', async () => {
    const res = await running.as().get('/v1/exchanges').expect(200);
    expect(res.body).toEqual({
      exchanges: [
        {
          id: 'sim',
          capabilities: {
            trading: true,
            streams: true,
            ohlcvPageSize: 1500,
            tradesRestWindowMs: null,
            timeframes: ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d'],
          },
        },
      ],
    });
  });

  it('requires an API key, and admits every role', async () => {
    await running.as(null).get('/v1/exchanges').expect(401);
    const get = running.openApi.paths['/v1/exchanges']?.get as unknown as Record<string, unknown>;
    expect(get['x-roles']).toEqual(['admin', 'trader', 'viewer', 'auditor']);
  });
});
