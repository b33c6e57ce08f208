export type RunMode = 'all' | 'api' | 'worker';
export type AuthMode = 'enabled' | 'disabled';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole configuration, typed and validated once at start (see load-config.ts). */
export interface AppConfig {
  port: number;
  /** Where the embedded database lives when DATABASE_URL is unset. */
  dataDir: string;
  /** A real PostgreSQL server; unset means the embedded PGlite default. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  exchanges: string[];
  mode: RunMode;
  logLevel: LogLevel;
  adminApiKey: string | undefined;
  authMode: AuthMode;
  simSeed: string;
  /** /readyz fails when a projection is more than this many events behind the head of $all. */
  readyMaxLagEvents: number;
  /** How often subscriptions poll for events appended by other processes. */
  subscriptionPollMs: number;
  shutdownTimeoutMs: number;
}

/** The process environment variables that configuration reads. */
export const CONFIG_ENV_NAMES = [
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'REDIS_URL',
  'EXCHANGES',
  'MODE',
  'LOG_LEVEL',
  'ADMIN_API_KEY',
  'AUTH_MODE',
  'SIM_SEED',
  'READY_MAX_LAG_EVENTS',
  'SUBSCRIPTION_POLL_MS',
  'SHUTDOWN_TIMEOUT_MS',
] as const;
