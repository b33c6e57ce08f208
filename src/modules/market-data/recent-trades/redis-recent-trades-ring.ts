import type Redis from 'ioredis';
import type { Trade } from '../../../infrastructure/exchanges/market-data.types';
import { topicKey } from './in-memory-recent-trades-ring';
import {
  DEFAULT_RING_LIMITS,
  RecentTradesRing,
  type RecentTradesRingLimits,
  type RingCoverage,
} from './recent-trades-ring';

/*
 * Per topic, two keys: a sorted set of trades (score = timestamp, member = the trade's JSON, so a
 * trade received twice is held once) and a string holding "continuous since". Each operation is one
 * Lua script, so instances sharing the ring never see half a record or half a trim. The trades expire
 * after the age bound; "continuous since" after the liveness bound, kept alive by the feeding
 * instance's heartbeat (a quiet market has no trades to record): when that instance dies without
 * marking a gap, the ring stops vouching for the topic within the bound.
 */

// KEYS: trades, since. ARGV: now, maxTrades, maxAgeMs, earliest ts, fresh ('1' = this feeder's first
// record: a run held here may be a stopped feeder's, so it is not extended), livenessMs, then
// score/member pairs.
const RECORD = `
local start = tonumber(ARGV[4]) + 1
local cs = redis.call('GET', KEYS[2])
if cs then cs = tonumber(cs) end
if not cs or (ARGV[5] == '1' and cs < start) then cs = start end
for i = 7, #ARGV, 2 do redis.call('ZADD', KEYS[1], 'NX', ARGV[i], ARGV[i + 1]) end
local dropped = nil
local cutoff = tonumber(ARGV[1]) - tonumber(ARGV[3])
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. cutoff, 'WITHSCORES')
if #old > 0 then
  dropped = tonumber(old[#old])
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. cutoff)
end
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if excess > 0 then
  local last = redis.call('ZRANGE', KEYS[1], excess - 1, excess - 1, 'WITHSCORES')
  local ts = tonumber(last[2])
  if dropped == nil or ts > dropped then dropped = ts end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
end
if dropped ~= nil and dropped + 1 > cs then cs = dropped + 1 end
redis.call('SET', KEYS[2], tostring(cs), 'PX', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return cs
`;

// KEYS: trades, since. ARGV: since ('' = the latest), limit, now, maxAgeMs.
const READ = `
local cs = redis.call('GET', KEYS[2])
if not cs then return false end
cs = tonumber(cs)
local from = cs
local cutoff = tonumber(ARGV[3]) - tonumber(ARGV[4])
-- Trades older than the age bound may still wait for the next record to trim them: not served.
if cutoff > from then from = cutoff end
local limit = tonumber(ARGV[2])
if ARGV[1] == '' then
  if redis.call('ZCOUNT', KEYS[1], from, '+inf') < limit then return false end
  return redis.call('ZRANGE', KEYS[1], -limit, -1)
end
if tonumber(ARGV[1]) < from then return false end
return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf', 'LIMIT', 0, limit)
`;

// KEYS: trades, since. Returns [since, count, newest] or false.
const COVERAGE = `
local cs = redis.call('GET', KEYS[2])
if not cs then return false end
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
return { cs, tostring(redis.call('ZCARD', KEYS[1])), newest[2] or cs }
`;

/** How long "continuous since" outlives the last sign of life of the instance feeding the topic. */
const DEFAULT_LIVENESS_MS = 15_000;

/** The ring shared by every instance (REDIS_URL set). */
export class RedisRecentTradesRing extends RecentTradesRing {
  /**
   * The topics this instance has fed since their last gap. An instance that stopped without marking
   * a gap (a crash) leaves its run in Redis; a feeder's first record so starts a run of its own
   * rather than extend one it cannot vouch for (another live feeder's run restarts with it: less
   * coverage for a moment, never a false claim).
   */
  private readonly feeding = new Map<string, string>();
  private readonly livenessMs: number;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly limits: RecentTradesRingLimits = DEFAULT_RING_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly namespace = 'tb:trades:',
    options: { livenessMs?: number } = {},
  ) {
    super();
    this.livenessMs = options.livenessMs ?? DEFAULT_LIVENESS_MS;
    this.heartbeat = setInterval(() => void this.beat(), this.livenessMs / 3);
    this.heartbeat.unref();
  }

  /** Stops the heartbeat: the topics this instance fed stop being vouched for within the bound. */
  close(): void {
    clearInterval(this.heartbeat);
  }

  async record(exchange: string, symbol: string, trades: readonly Trade[]): Promise<void> {
    if (trades.length === 0) return;
    const args: (string | number)[] = [
      this.now(),
      this.limits.maxTrades,
      this.limits.maxAgeMs,
      Math.min(...trades.map((t) => t.timestamp)),
      this.feeding.has(topicKey(exchange, symbol)) ? '0' : '1',
      this.livenessMs,
    ];
    for (const t of trades) args.push(t.timestamp, encode(t));
    const keys = this.keys(exchange, symbol);
    await this.redis.eval(RECORD, 2, ...keys, ...args);
    this.feeding.set(topicKey(exchange, symbol), keys[1]);
  }

  async markGap(exchange: string, symbol: string): Promise<void> {
    this.feeding.delete(topicKey(exchange, symbol));
    await this.redis.del(...this.keys(exchange, symbol));
  }

  async read(exchange: string, symbol: string, since?: number, limit?: number): Promise<Trade[] | null> {
    const rows = (await this.redis.eval(
      READ,
      2,
      ...this.keys(exchange, symbol),
      since === undefined ? '' : since,
      limit ?? this.limits.maxTrades,
      this.now(),
      this.limits.maxAgeMs,
    )) as string[] | null;
    return rows === null ? null : rows.map((r) => JSON.parse(r) as Trade);
  }

  async coverage(exchange: string, symbol: string): Promise<RingCoverage | null> {
    const row = (await this.redis.eval(COVERAGE, 2, ...this.keys(exchange, symbol))) as string[] | null;
    if (row === null) return null;
    const [since, count, newest] = row.map(Number) as [number, number, number];
    return { continuousSince: since, count, newest };
  }

  /** Keeps "continuous since" alive for the topics this instance feeds. */
  private async beat(): Promise<void> {
    if (this.feeding.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const sinceKey of this.feeding.values()) pipeline.pexpire(sinceKey, this.livenessMs);
    // A missed beat is retried by the next; the bound is three beats.
    await pipeline.exec().catch(() => undefined);
  }

  private keys(exchange: string, symbol: string): [string, string] {
    const topic = `${this.namespace}{${exchange}:${symbol}}`;
    return [`${topic}:z`, `${topic}:since`];
  }
}

/** The trade in a fixed key order, so the same trade always becomes the same member. */
function encode(t: Trade): string {
  return JSON.stringify({
    id: t.id,
    timestamp: t.timestamp,
    datetime: t.datetime,
    symbol: t.symbol,
    side: t.side,
    price: t.price,
    amount: t.amount,
    cost: t.cost,
  });
}
