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
  /** Requests per minute per API key, by role (RATE_LIMIT_PER_MIN, overridden by RATE_LIMIT_<ROLE>_PER_MIN). */
  rateLimitPerMinByRole: Record<'admin' | 'trader' | 'viewer' | 'auditor', number>;
  /** Requests per minute per client IP on guarded routes, authenticated or not (RATE_LIMIT_IP_PER_MIN). */
  rateLimitIpPerMin: number;
  /** Concurrent socket connections per API key (SOCKET_CONNECTIONS_PER_KEY). */
  socketConnectionsPerKey: number;
  /** Webhook delivery attempts before a dead letter (WEBHOOK_MAX_ATTEMPTS). */
  webhookMaxAttempts: number;
  /** The first retry's delay; each next one doubles, up to WEBHOOK_BACKOFF_MAX_MS. */
  webhookBackoffBaseMs: number;
  webhookBackoffMaxMs: number;
  webhookTimeoutMs: number;
  /** How often the delivery worker looks for due deliveries. */
  webhookPollMs: number;
  /** Topics one socket connection may hold at once (STREAM_MAX_TOPICS_PER_CONNECTION). */
  streamMaxTopicsPerConnection: number;
  /** How long a topic's upstream stays open after its last subscriber left (STREAM_UPSTREAM_GRACE_MS). */
  streamUpstreamGraceMs: number;
  /** Packets a client may have waiting in its socket before it is treated as slow (STREAM_CLIENT_MAX_BUFFERED). */
  streamClientMaxBuffered: number;
  /** How often a connected socket's API key is checked again, so a revoked key is cut off (STREAM_KEY_RECHECK_MS). */
  streamKeyRecheckMs: number;
  /** How often copy-trader reads its leader's positions for the drift check (STRATEGY_LEADER_POSITIONS_MS). */
  strategyLeaderPositionsMs: number;
}
