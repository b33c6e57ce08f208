import { assertNever } from '../shared/decider';
import type { ApiKeyEvent } from './api-key.events';
import type { Role } from './roles';

export type ApiKeyState =
  | { status: 'none' }
  | { status: 'active'; keyId: string; name: string; role: Role; prefix: string; createdAt: string }
  | {
      status: 'revoked';
      keyId: string;
      name: string;
      role: Role;
      prefix: string;
      createdAt: string;
      revokedAt: string;
    };

export const initialApiKeyState = (): ApiKeyState => ({ status: 'none' });

export function evolveApiKey(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyCreated':
      return {
        status: 'active',
        keyId: event.keyId,
        name: event.name,
        role: event.role,
        prefix: event.prefix,
        createdAt: event.createdAt,
      };
    case 'ApiKeyRevoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked', revokedAt: event.revokedAt };
    default:
      return assertNever(event);
  }
}
