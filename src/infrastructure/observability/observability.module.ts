import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from './observability.tokens';
import { RequestContextMiddleware } from './request-context.middleware';
import { requestIdFor } from './request-id';

/** Structured JSON logs with a request id per request, and the request context for event metadata. */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            // The id was assigned before body parsing (http/body-parsing.ts); keep it.
            genReqId: (req, res) => (req as { id?: string }).id ?? requestIdFor(req, res),
            customLogLevel: (_req, res, err) =>
              err !== undefined || res.statusCode >= 500 ? 'error' : 'info',
            autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
          },
        }),
      ],
      providers: [{ provide: ROOT_LOGGER, useValue: logger }],
      exports: [ROOT_LOGGER],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
