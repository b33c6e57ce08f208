import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { ApiKeyAlreadyExistsError, ApiKeyAlreadyRevokedError, ApiKeyNotFoundError } from './access.errors';
import type { ApiKeyCommand } from './api-key.commands';
import type { ApiKeyEvent } from './api-key.events';
import { evolveApiKey, initialApiKeyState, type ApiKeyState } from './api-key.state';

export function decideApiKey(command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] {
  switch (command.type) {
    case 'CreateApiKey':
      if (state.status !== 'none') throw new ApiKeyAlreadyExistsError(command.keyId);
      return [
        {
          type: 'ApiKeyCreated',
          keyId: command.keyId,
          name: command.name,
          role: command.role,
          prefix: command.prefix,
          createdAt: command.now,
          origin: command.origin,
        },
      ];
    case 'RevokeApiKey':
      if (state.status === 'none') throw new ApiKeyNotFoundError(command.keyId);
      if (state.status === 'revoked') throw new ApiKeyAlreadyRevokedError(command.keyId);
      return [{ type: 'ApiKeyRevoked', keyId: command.keyId, revokedAt: command.now }];
    default:
      return assertNever(command);
  }
}

export const apiKeyDecider: Decider<ApiKeyState, ApiKeyCommand, ApiKeyEvent> = {
  initialState: initialApiKeyState,
  evolve: evolveApiKey,
  decide: decideApiKey,
};
