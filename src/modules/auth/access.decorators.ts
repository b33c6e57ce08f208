import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ROLES, type Role } from '../../domain/access';

export const ACCESS_METADATA = 'tradebook:access';

/** What a route declared; a route without a declaration is refused to everyone (secure by default). */
export type AccessDeclaration = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** The OpenAPI extension naming who may call an operation: role names, or `public`. */
export const ROLES_EXTENSION = 'x-roles';

/**
 * Admits the given roles (admin always). Documents the requirement in OpenAPI: the security scheme,
 * `x-roles`, and the 401/403/429 answers.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const admitted = ROLES.filter((r) => r === 'admin' || roles.includes(r));
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'roles', roles: admitted } satisfies AccessDeclaration),
    ApiSecurity('apiKey'),
    ApiSecurity('bearer'),
    ApiExtension(ROLES_EXTENSION, admitted),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no API key, or an unknown or revoked one' }),
    ApiForbiddenResponse({ description: `FORBIDDEN: the key's role is not one of ${admitted.join(', ')}` }),
    ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' }),
  );
}

/** Open to anyone without a key: health, readiness, metrics. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessDeclaration),
    ApiExtension(ROLES_EXTENSION, ['public']),
  );
}
