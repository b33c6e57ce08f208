import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { installBodyParsing } from './infrastructure/http/body-parsing';
import { AllExceptionsFilter } from './infrastructure/http/all-exceptions.filter';
import { createValidationPipe } from './infrastructure/http/validation.pipe';
import { installWorkerRouteGuard } from './infrastructure/http/worker-routes';
import { SocketIoAdapter } from './infrastructure/messaging/socket-io.adapter';

export interface App {
  app: INestApplication;
  openApi: OpenAPIObject;
}

/** Builds the configured application (used by main.ts, the e2e tests and the benchmarks). */
export async function createApp(options: AppModuleOptions & { logger: Logger }): Promise<App> {
  const app = await NestFactory.create(AppModule.forRoot(options), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  installBodyParsing(app);
  if (options.config.mode === 'worker') installWorkerRouteGuard(app);
  app.useGlobalFilters(new AllExceptionsFilter(options.logger.child({ component: 'http' })));
  app.useGlobalPipes(createValidationPipe());
  // socket.io gateways (/v1/stream), joined across instances through Redis when REDIS_URL is set;
  // not served by a worker.
  app.useWebSocketAdapter(
    await SocketIoAdapter.create(app, options.config.redisUrl, { serve: options.config.mode !== 'worker' }),
  );
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('tradebook')
      .setDescription(
        'Event-sourced trading backend: market data, exchanges, risk, orders, strategies and audit.',
      )
      .setVersion('0.1.0')
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'apiKey')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'The same API key as a bearer token' },
        'bearer',
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, () => openApi, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  return { app, openApi };
}
