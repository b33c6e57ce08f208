/** The auth module's public contract. */
export { AuthModule, SOCKET_CONNECTION_LIMITER } from './auth.module';
export { Roles, Public, ROLES_EXTENSION, type AccessDeclaration } from './access.decorators';
export { ApiKeyAuthenticator, type AuthenticatedKey } from './api-key.authenticator';
export { apiKeyOf } from './access.guard';
export {
  InMemorySocketConnectionLimiter,
  RedisSocketConnectionLimiter,
  SOCKET_LEASE_MS,
  type SocketConnectionLimiter,
} from './rate-limit/socket-connection-limiter';
export { InMemoryRateLimiter, type RateLimiter } from './rate-limit/rate-limiter';
export { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
