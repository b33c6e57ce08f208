import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, type DomainErrorKind } from '../../domain/shared/domain-error';
import { errorBody } from './error-body';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  refused: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** An HttpException whose response already carries a code and details (validation, auth, ...). */
export interface CodedHttpResponse {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function isCoded(value: unknown): value is CodedHttpResponse {
  return typeof value === 'object' && value !== null && typeof (value as CodedHttpResponse).code === 'string';
}

/**
 * Every error leaves in the shape of §5, mapped once, here. Unknown errors are logged with their
 * stack and answered as a bare 500 INTERNAL: never a stack trace on the wire.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const req = host.switchToHttp().getRequest<Request & { id?: string | number }>();
    const res = host.switchToHttp().getResponse<Response>();
    const requestId = req.id === undefined ? null : String(req.id);
    const { status, code, message, details, headers } = this.describe(exception);
    if (status >= 500 && !(exception instanceof DomainError)) {
      this.log.error({ err: exception, requestId, path: req.url }, 'unhandled error');
    }
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // A route that answers another type (an HTML report) has set its Content-Type already, and
    // json() keeps a type that is set: the error is JSON whatever the route's success type.
    res.type('application/json');
    res.status(status).json(errorBody(code, message, details, requestId));
  }

  private describe(exception: unknown): {
    status: number;
    code: string;
    message: string;
    details: Record<string, unknown>;
    headers: Record<string, string>;
  } {
    if (exception instanceof DomainError) {
      const headers: Record<string, string> = {};
      const retryAfter = exception.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') headers['Retry-After'] = String(Math.ceil(retryAfter));
      return {
        status: STATUS_BY_KIND[exception.kind],
        code: exception.code,
        message: exception.message,
        details: exception.details,
        headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (isCoded(body))
        return { status, code: body.code, message: body.message, details: body.details ?? {}, headers: {} };
      return {
        status,
        code: CODE_BY_STATUS[status] ?? 'HTTP_ERROR',
        message: exception.message,
        details: {},
        headers: {},
      };
    }
    return {
      status: 500,
      code: 'INTERNAL',
      message: 'Internal error; the request id identifies it in the logs',
      details: {},
      headers: {},
    };
  }
}
