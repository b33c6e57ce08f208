import {
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, ConfigError, type AppConfig } from '../../config';
import { BUILT_IN_EXCHANGE_FACTORIES } from '../../infrastructure/exchanges/exchange-factories';
import { ExchangeRegistry } from '../../infrastructure/exchanges/exchange-registry';
import { ROOT_LOGGER } from '../../infrastructure/observability/observability.tokens';
import { ExchangesHttpController } from './exchanges.http.controller';

/**
 * The configured venues (EXCHANGES) behind one ExchangeRegistry, injectable everywhere. Other
 * modules may register more factories in their onModuleInit; at bootstrap every configured id must
 * have one, and on shutdown every adapter is closed (streams, timers, sockets).
 */
@Global()
@Module({
  controllers: [ExchangesHttpController],
  providers: [
    {
      provide: ExchangeRegistry,
      inject: [APP_CONFIG, ROOT_LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        new ExchangeRegistry({
          exchanges: config.exchanges,
          simSeed: config.simSeed,
          logger,
          factories: BUILT_IN_EXCHANGE_FACTORIES,
        }),
    },
  ],
  exports: [ExchangeRegistry],
})
export class ExchangesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ExchangeRegistry) private readonly registry: ExchangeRegistry) {}

  onApplicationBootstrap(): void {
    const unsupported = this.registry.unsupported();
    if (unsupported.length > 0) {
      throw new ConfigError(
        unsupported.map((id) => `EXCHANGES names "${id}", for which no exchange adapter exists`),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.registry.close();
  }
}
