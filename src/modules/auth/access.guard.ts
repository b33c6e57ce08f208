import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config';
import { roleMayAccess } from '../../domain/access';
import { requestContext } from '../../infrastructure/observability/request-context';
import { ACCESS_METADATA, type AccessDeclaration } from './access.decorators';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { RateLimitService } from './rate-limit/rate-limit.service';

/** The raw key of a request: `X-API-Key`, or `Authorization: Bearer <key>`. */
export function apiKeyOf(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = req.headers.authorization;
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1];
}

/**
 * The one global guard. A route must declare @Public() or @Roles(...): an undeclared route is refused
 * to everyone, so a forgotten declaration fails closed (and fails the role-matrix test).
 * Order: per-IP limit (before authentication, to slow key guessing), key, per-key limit, role.
 * The key id becomes the request's actor, which the event store writes into every event.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // gateways authenticate on their handshake
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (declaration === undefined) {
      throw new ForbiddenException({
        code: 'ROUTE_ACCESS_UNDECLARED',
        message: 'This route declares no access (@Public or @Roles) and is refused to everyone',
        details: {},
      });
    }
    if (declaration.kind === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    await this.rateLimits.checkIp(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (this.config.authMode === 'disabled') return true;

    const key = await this.authenticator.authenticate(apiKeyOf(req));
    if (key === null) {
      throw new UnauthorizedException({
        code: 'UNAUTHENTICATED',
        message: 'A valid API key is required (X-API-Key header or Authorization: Bearer)',
        details: {},
      });
    }
    const ctx = requestContext.current();
    if (ctx !== undefined) ctx.actor = key.keyId;
    await this.rateLimits.checkKey(key.keyId, key.role);
    if (!roleMayAccess(key.role, declaration.roles)) {
      throw new ForbiddenException({
        code: 'FORBIDDEN',
        message: `The role ${key.role} may not call this operation`,
        details: { role: key.role, admitted: declaration.roles },
      });
    }
    return true;
  }
}
