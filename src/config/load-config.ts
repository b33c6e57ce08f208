import type { AppConfig, AuthMode, LogLevel, RunMode } from './app-config';

/** Bad configuration: every problem found, so one message at start says everything that is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MODES: readonly RunMode[] = ['all', 'api', 'worker'];
const AUTH_MODES: readonly AuthMode[] = ['enabled', 'disabled'];
const EXCHANGE_ID = /^[a-z][a-z0-9]*$/;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`${name} must be a ${protocols.join(' or ')}// URL`);
    }
    return raw;
  };

  const exchanges = (read('EXCHANGES') ?? 'sim').split(',').map((e) => e.trim().toLowerCase());
  for (const id of exchanges) {
    if (!EXCHANGE_ID.test(id)) problems.push(`EXCHANGES holds an invalid exchange id "${id}"`);
  }
  const adminApiKey = read('ADMIN_API_KEY');
  if (adminApiKey !== undefined && adminApiKey.length < 24) {
    problems.push('ADMIN_API_KEY must be at least 24 characters long');
  }
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const rateLimitPerMin = int('RATE_LIMIT_PER_MIN', 300, 1, 10_000_000);

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    dataDir: read('DATA_DIR') ?? './data',
    databaseUrl,
    // The embedded PGlite multiplexes one backend: a larger pool corrupts its wire protocol.
    databasePoolSize: databaseUrl === undefined ? 1 : int('DATABASE_POOL_SIZE', 20, 1, 500),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    exchanges: [...new Set(exchanges)],
    mode: oneOf('MODE', MODES, 'all'),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    adminApiKey,
    authMode: oneOf('AUTH_MODE', AUTH_MODES, 'enabled'),
    simSeed: read('SIM_SEED') ?? 'tradebook',
    readyMaxLagEvents: int('READY_MAX_LAG_EVENTS', 10_000, 0, 1_000_000_000),
    subscriptionPollMs: int('SUBSCRIPTION_POLL_MS', 250, 10, 60_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 1_000, 600_000),
    rateLimitPerMinByRole: {
      admin: int('RATE_LIMIT_ADMIN_PER_MIN', rateLimitPerMin, 1, 10_000_000),
      trader: int('RATE_LIMIT_TRADER_PER_MIN', rateLimitPerMin, 1, 10_000_000),
      viewer: int('RATE_LIMIT_VIEWER_PER_MIN', rateLimitPerMin, 1, 10_000_000),
      auditor: int('RATE_LIMIT_AUDITOR_PER_MIN', rateLimitPerMin, 1, 10_000_000),
    },
    rateLimitIpPerMin: int('RATE_LIMIT_IP_PER_MIN', rateLimitPerMin, 1, 10_000_000),
    socketConnectionsPerKey: int('SOCKET_CONNECTIONS_PER_KEY', 5, 1, 10_000),
    webhookMaxAttempts: int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
    webhookBackoffBaseMs: int('WEBHOOK_BACKOFF_BASE_MS', 1_000, 1, 3_600_000),
    webhookBackoffMaxMs: int('WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 1, 86_400_000),
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookPollMs: int('WEBHOOK_POLL_MS', 500, 10, 60_000),
    streamMaxTopicsPerConnection: int('STREAM_MAX_TOPICS_PER_CONNECTION', 50, 1, 10_000),
    streamUpstreamGraceMs: int('STREAM_UPSTREAM_GRACE_MS', 5_000, 0, 600_000),
    streamClientMaxBuffered: int('STREAM_CLIENT_MAX_BUFFERED', 64, 1, 100_000),
    streamKeyRecheckMs: int('STREAM_KEY_RECHECK_MS', 30_000, 100, 3_600_000),
    strategyLeaderPositionsMs: int('STRATEGY_LEADER_POSITIONS_MS', 60_000, 100, 86_400_000),
  };
  if (read('DATABASE_POOL_SIZE') !== undefined && databaseUrl === undefined) {
    problems.push(
      'DATABASE_POOL_SIZE applies only with DATABASE_URL: the embedded database uses one connection',
    );
  }
  if (databaseUrl === undefined && config.mode !== 'all') {
    // Only one process may open the embedded database, so the api/worker split needs a real server.
    problems.push(`MODE=${config.mode} needs DATABASE_URL: the embedded database serves one process`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
