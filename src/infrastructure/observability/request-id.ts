import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-Id is kept when it is safe to log; otherwise a fresh one. Echoed on the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** X-Correlation-Id ties several requests of one workflow together; it defaults to the request id. */
export function correlationIdFor(req: IncomingMessage, requestId: string): string {
  const incoming = req.headers['x-correlation-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : requestId;
}
