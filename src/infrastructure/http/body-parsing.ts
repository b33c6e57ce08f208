import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { requestIdFor } from '../observability/request-id';
import { errorBody } from './error-body';

type WithId = Request & { id?: string };

/**
 * The request id is assigned before the body is parsed, so that even a malformed body gets an
 * answer in the error shape that names its request: 400 MALFORMED_JSON, never a 500 or a stack.
 * (Create the app with bodyParser: false.)
 */
export function installBodyParsing(app: INestApplication, limit = '1mb'): void {
  app.use((req: WithId, res: Response, next: NextFunction) => {
    req.id = requestIdFor(req, res);
    next();
  });
  app.use(express.json({ limit }));
  app.use(express.urlencoded({ extended: false, limit }));
  app.use((err: unknown, req: WithId, res: Response, next: NextFunction) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) {
      next(err);
      return;
    }
    const code =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'MALFORMED_JSON';
    const message = code === 'MALFORMED_JSON' ? 'The request body is not valid JSON' : (err as Error).message;
    res.status(status).json(errorBody(code, message, {}, req.id ?? null));
  });
}
