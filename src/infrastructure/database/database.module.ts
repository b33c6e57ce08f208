import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntitySchema, MixedList } from 'typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ROOT_LOGGER } from '../observability/observability.tokens';
import { Database } from './database';

/**
 * Opens the database before anything else starts (embedded or real, migrations applied) and closes
 * it last. Provides Database and TypeORM's DataSource.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  static forRoot(entities: MixedList<Function | string | EntitySchema> = []): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: Database,
          inject: [APP_CONFIG, ROOT_LOGGER],
          useFactory: (config: AppConfig, logger: Logger) =>
            Database.open({
              databaseUrl: config.databaseUrl,
              dataDir: config.dataDir,
              poolSize: config.databasePoolSize,
              entities,
              log: logger.child({ component: 'database' }),
            }),
        },
        { provide: DataSource, inject: [Database], useFactory: (db: Database) => db.dataSource },
      ],
      exports: [Database, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
