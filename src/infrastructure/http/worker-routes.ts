import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body';

/** What a worker answers: the probes and scrapes that orchestrators and Prometheus send it. */
export const WORKER_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * MODE=worker runs subscriptions and background jobs; clients belong on api instances. A worker
 * answers every other path 503 WORKER_INSTANCE, so a misrouted client learns where to go instead of
 * being served by an instance that is not meant to take API load. (Install after request ids.)
 */
export function installWorkerRouteGuard(app: INestApplication): void {
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    if (WORKER_ROUTES.has(req.path)) {
      next();
      return;
    }
    res
      .status(503)
      .json(
        errorBody(
          'WORKER_INSTANCE',
          'This instance runs MODE=worker: it serves only /healthz, /readyz and /metrics. Send API requests to an api instance.',
          { mode: 'worker', served: [...WORKER_ROUTES] },
          req.id ?? null,
        ),
      );
  });
}
