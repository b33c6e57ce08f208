import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics';
import { correlationIdFor } from './request-id';
import { requestContext } from './request-context';

/**
 * Opens the request context (request id, correlation id, actor) that the event store writes into
 * every event's metadata, and records the request's latency by route.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request & { id?: string | number }, res: Response, next: NextFunction): void {
    const requestId = String(req.id ?? '');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    });
    requestContext.run(
      { requestId, correlationId: correlationIdFor(req, requestId), causationId: null, actor: 'anonymous' },
      next,
    );
  }
}
