/** The shared ioredis client, or null when REDIS_URL is unset. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const RATE_LIMITER = Symbol('RATE_LIMITER');
