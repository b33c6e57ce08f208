import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      databasePoolSize: 1,
      redisUrl: undefined,
      exchanges: ['sim'],
      mode: 'all',
      logLevel: 'info',
      adminApiKey: undefined,
      authMode: 'enabled',
      simSeed: 'tradebook',
      readyMaxLagEvents: 10_000,
      subscriptionPollMs: 250,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads a real server, its pool size and the exchange list', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/tb',
      DATABASE_POOL_SIZE: '40',
      EXCHANGES: 'sim, BinanceUSDM,bybit,sim',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@db:5432/tb',
      databasePoolSize: 40,
      exchanges: ['sim', 'binanceusdm', 'bybit'],
    });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        MODE: 'sideways',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'nope',
        EXCHANGES: 'sim,bad id',
        ADMIN_API_KEY: 'short',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect([...(error as ConfigError).problems].sort()).toEqual(
      [
        'DATABASE_URL must be a postgres: or postgresql:// URL',
        'EXCHANGES holds an invalid exchange id "bad id"',
        'ADMIN_API_KEY must be at least 24 characters long',
        'PORT must be an integer from 0 to 65535, got "70000"',
        'REDIS_URL must be a redis: or rediss:// URL',
        'MODE must be one of all, api, worker, got "sideways"',
      ].sort(),
    );
  });

  it('reads the copy-trader leader positions interval, refusing one that is not a number of ms', () => {
    expect(loadConfig({}).strategyLeaderPositionsMs).toBe(60_000);
    expect(loadConfig({ STRATEGY_LEADER_POSITIONS_MS: '500' }).strategyLeaderPositionsMs).toBe(500);
    expect(() => loadConfig({ STRATEGY_LEADER_POSITIONS_MS: 'soon' })).toThrow(
      /STRATEGY_LEADER_POSITIONS_MS must be an integer from 100 to 86400000, got "soon"/,
    );
  });

  it('refuses the api/worker split on the embedded database, which serves one process', () => {
    expect(() => loadConfig({ MODE: 'api' })).toThrow(/MODE=api needs DATABASE_URL/);
    expect(loadConfig({ MODE: 'worker', DATABASE_URL: 'postgres://db/tb' }).mode).toBe('worker');
  });

  it('refuses a pool size for the embedded database, which has one backend', () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '10' })).toThrow(
      /DATABASE_POOL_SIZE applies only with DATABASE_URL/,
    );
  });
});
