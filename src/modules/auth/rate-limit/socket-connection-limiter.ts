import type Redis from 'ioredis';

/**
 * Concurrent socket connections per API key (SOCKET_CONNECTIONS_PER_KEY). The socket.io gateway
 * calls acquire() on handshake (refusing the connection when it answers false), release() on
 * disconnect, and refresh() every LEASE_MS / 3 while connected: with Redis, a connection of a crashed
 * instance stops counting when its lease runs out.
 */
export interface SocketConnectionLimiter {
  acquire(keyId: string, connectionId: string, nowMs: number): Promise<boolean>;
  refresh(keyId: string, connectionId: string, nowMs: number): Promise<void>;
  release(keyId: string, connectionId: string): Promise<void>;
  count(keyId: string, nowMs: number): Promise<number>;
}

export const SOCKET_LEASE_MS = 90_000;

export class InMemorySocketConnectionLimiter implements SocketConnectionLimiter {
  private readonly connections = new Map<string, Set<string>>();

  constructor(private readonly limit: number) {}

  acquire(keyId: string, connectionId: string): Promise<boolean> {
    const set = this.connections.get(keyId) ?? new Set<string>();
    if (!set.has(connectionId) && set.size >= this.limit) return Promise.resolve(false);
    set.add(connectionId);
    this.connections.set(keyId, set);
    return Promise.resolve(true);
  }

  refresh(): Promise<void> {
    return Promise.resolve();
  }

  release(keyId: string, connectionId: string): Promise<void> {
    const set = this.connections.get(keyId);
    set?.delete(connectionId);
    if (set?.size === 0) this.connections.delete(keyId);
    return Promise.resolve();
  }

  count(keyId: string): Promise<number> {
    return Promise.resolve(this.connections.get(keyId)?.size ?? 0);
  }
}

// Atomic check-and-add on a sorted set of connection ids scored by lease expiry.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) == false and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

export class RedisSocketConnectionLimiter implements SocketConnectionLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly namespace = 'tb:sock:',
  ) {}

  async acquire(keyId: string, connectionId: string, nowMs: number): Promise<boolean> {
    const result = await this.redis.eval(
      ACQUIRE,
      1,
      this.key(keyId),
      nowMs,
      nowMs + SOCKET_LEASE_MS,
      connectionId,
      this.limit,
      SOCKET_LEASE_MS,
    );
    return Number(result) === 1;
  }

  async refresh(keyId: string, connectionId: string, nowMs: number): Promise<void> {
    await this.redis.zadd(this.key(keyId), 'XX', nowMs + SOCKET_LEASE_MS, connectionId);
    await this.redis.pexpire(this.key(keyId), SOCKET_LEASE_MS);
  }

  async release(keyId: string, connectionId: string): Promise<void> {
    await this.redis.zrem(this.key(keyId), connectionId);
  }

  async count(keyId: string, nowMs: number): Promise<number> {
    return this.redis.zcount(this.key(keyId), nowMs, '+inf');
  }

  private key(keyId: string): string {
    return `${this.namespace}${keyId}`;
  }
}
