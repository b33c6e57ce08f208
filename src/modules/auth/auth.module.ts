import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config';
import { AccessGuard } from './access.guard';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiKeyCredentialsRepository } from './api-key-credentials.repository';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyIssuer } from './api-key.issuer';
import { ApiKeysHttpController } from './api-keys.http.controller';
import { RATE_LIMITER, REDIS_CLIENT } from './auth.tokens';
import { CreateApiKeyHandler } from './commands/create-api-key/create-api-key.handler';
import { RevokeApiKeyHandler } from './commands/revoke-api-key/revoke-api-key.handler';
import { ListApiKeysHandler } from './queries/list-api-keys/list-api-keys.handler';
import { InMemoryRateLimiter, type RateLimiter } from './rate-limit/rate-limiter';
import { RateLimitService } from './rate-limit/rate-limit.service';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import {
  InMemorySocketConnectionLimiter,
  RedisSocketConnectionLimiter,
  type SocketConnectionLimiter,
} from './rate-limit/socket-connection-limiter';

export const SOCKET_CONNECTION_LIMITER = Symbol('SOCKET_CONNECTION_LIMITER');

/**
 * API keys, the global access guard, rate limits. Global, so every module's controllers can use
 * @Roles / @Public and the gateway can inject ApiKeyAuthenticator and the connection limiter.
 */
@Global()
@Module({
  controllers: [ApiKeysHttpController],
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis | null =>
        config.redisUrl === undefined
          ? null
          : new Redis(config.redisUrl, {
              maxRetriesPerRequest: 1,
              commandTimeout: 1_000,
              lazyConnect: false,
            }),
    },
    {
      provide: RATE_LIMITER,
      inject: [REDIS_CLIENT],
      useFactory: (redis: Redis | null): RateLimiter =>
        redis === null ? new InMemoryRateLimiter() : new RedisRateLimiter(redis),
    },
    {
      provide: SOCKET_CONNECTION_LIMITER,
      inject: [REDIS_CLIENT, APP_CONFIG],
      useFactory: (redis: Redis | null, config: AppConfig): SocketConnectionLimiter =>
        redis === null
          ? new InMemorySocketConnectionLimiter(config.socketConnectionsPerKey)
          : new RedisSocketConnectionLimiter(redis, config.socketConnectionsPerKey),
    },
    ApiKeyCredentialsRepository,
    ApiKeyAuthenticator,
    ApiKeyIssuer,
    RateLimitService,
    AdminKeyBootstrap,
    CreateApiKeyHandler,
    RevokeApiKeyHandler,
    ListApiKeysHandler,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [ApiKeyAuthenticator, SOCKET_CONNECTION_LIMITER, RateLimitService],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
