import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigModule, type AppConfig } from './config';
import { DatabaseModule } from './infrastructure/database/database.module';
import { EventStoreModule } from './infrastructure/event-store/event-store.module';
import { ObservabilityModule } from './infrastructure/observability/observability.module';
import { AccountsModule } from './modules/accounts';
import { AuditModule } from './modules/audit';
import { AuthModule } from './modules/auth';
import { BacktestsModule } from './modules/backtests';
import { ExchangesModule } from './modules/exchanges';
import { MarketDataModule } from './modules/market-data';
import { OpsModule } from './modules/ops';
import { OrdersModule } from './modules/orders';
import { RealtimeModule } from './modules/realtime';
import { RiskModule } from './modules/risk';
import { StrategiesModule } from './modules/strategies';
import { WebhooksModule } from './modules/webhooks';

export interface AppModuleOptions {
  config: AppConfig;
  logger: Logger;
  /** Extra modules (tests add probes; deployments may add their own contexts). */
  extraImports?: DynamicModule['imports'];
}

/** The whole service: infrastructure first, then every bounded context through its module. */
@Module({})
export class AppModule {
  static forRoot({ config, logger, extraImports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot(logger),
        DatabaseModule.forRoot(),
        EventStoreModule,
        AuthModule,
        AuditModule,
        ExchangesModule,
        MarketDataModule,
        WebhooksModule,
        AccountsModule,
        RiskModule,
        OrdersModule,
        OpsModule,
        RealtimeModule,
        BacktestsModule,
        StrategiesModule,
        ...extraImports,
      ],
    };
  }
}
