import { deciderSpec } from '../shared/testing/decider-spec';
import { ApiKeyAlreadyExistsError, ApiKeyAlreadyRevokedError, ApiKeyNotFoundError } from './access.errors';
import { parseApiKey, formatApiKey } from './api-key-format';
import { apiKeyDecider } from './api-key.decide';
import type { ApiKeyCreated } from './api-key.events';
import { roleMayAccess, Access } from './roles';
import { rateWindow, retryAfterSeconds } from './rate-window';

const created: ApiKeyCreated = {
  type: 'ApiKeyCreated',
  keyId: 'key_1',
  name: 'ops',
  role: 'viewer',
  prefix: 'abcdef012345',
  createdAt: '2025-01-01T00:00:00.000Z',
  origin: 'api',
};
const spec = deciderSpec(apiKeyDecider);

describe('the API key decider', () => {
  it('creates a key once', () => {
    spec
      .given([])
      .when({
        type: 'CreateApiKey',
        keyId: 'key_1',
        name: 'ops',
        role: 'viewer',
        prefix: 'abcdef012345',
        now: created.createdAt,
        origin: 'api',
      })
      .then([created]);
    spec
      .given([created])
      .when({
        type: 'CreateApiKey',
        keyId: 'key_1',
        name: 'x',
        role: 'admin',
        prefix: 'p',
        now: created.createdAt,
        origin: 'api',
      })
      .thenThrows(ApiKeyAlreadyExistsError);
  });

  it('revokes an active key, refuses an unknown or revoked one', () => {
    const revoke = { type: 'RevokeApiKey', keyId: 'key_1', now: '2025-01-02T00:00:00.000Z' } as const;
    spec
      .given([created])
      .when(revoke)
      .then([{ type: 'ApiKeyRevoked', keyId: 'key_1', revokedAt: revoke.now }]);
    spec.given([]).when(revoke).thenThrows(ApiKeyNotFoundError);
    spec
      .given([created, { type: 'ApiKeyRevoked', keyId: 'key_1', revokedAt: revoke.now }])
      .when(revoke)
      .thenThrows(ApiKeyAlreadyRevokedError);
  });
});

describe('key format, roles and rate windows', () => {
  it('parses tb_<prefix>_<secret> and nothing else', () => {
    expect(parseApiKey(formatApiKey('abcdef012345', 'A'.repeat(32)))).toEqual({
      prefix: 'abcdef012345',
      secret: 'A'.repeat(32),
    });
    expect(parseApiKey('tb_short_x')).toBeNull();
    expect(parseApiKey('not a key')).toBeNull();
  });

  it('admits admin everywhere and other roles only where declared', () => {
    expect(roleMayAccess('admin', Access.adminOnly)).toBe(true);
    expect(roleMayAccess('viewer', Access.read)).toBe(true);
    expect(roleMayAccess('viewer', Access.trade)).toBe(false);
    expect(roleMayAccess('auditor', Access.audit)).toBe(true);
    expect(roleMayAccess('trader', Access.audit)).toBe(false);
  });

  it('counts in minute windows and rounds Retry-After up to at least one second', () => {
    // 90 s into the epoch: window 1, closing 30 s later.
    expect(rateWindow(90_000)).toEqual({ index: 1, resetInMs: 30_000 });
    expect(retryAfterSeconds(30_000)).toBe(30);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});
