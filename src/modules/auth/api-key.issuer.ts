import { Injectable } from '@nestjs/common';
import { apiKeyDecider, apiKeyStreamId, type Role } from '../../domain/access';
import { AggregateRepository } from '../../infrastructure/event-store/aggregate-repository';
import { requestContext } from '../../infrastructure/observability/request-context';
import { ApiKeyCredentialsRepository } from './api-key-credentials.repository';
import { apiKeyHasher } from './api-key-hasher';

export interface IssuedApiKey {
  keyId: string;
  name: string;
  role: Role;
  prefix: string;
  /** The key itself: returned once, never stored. */
  key: string;
  createdAt: string;
}

/** Issues a key: the ApiKeyCreated fact first, then the credential that makes the key usable. */
@Injectable()
export class ApiKeyIssuer {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly credentials: ApiKeyCredentialsRepository,
  ) {}

  async issue(input: {
    name: string;
    role: Role;
    origin: 'api' | 'bootstrap';
    key?: string;
  }): Promise<IssuedApiKey> {
    const generated = apiKeyHasher.generate();
    const key = input.key ?? generated.key;
    const prefix = apiKeyHasher.lookupPrefix(key);
    const keyId = input.key === undefined ? generated.keyId : `key_${prefix.slice(0, 16)}`;
    const now = new Date();
    const hashed = await apiKeyHasher.hash(key);
    // Event first: a crash between the two leaves an unusable key with a trail, never a usable key
    // without one.
    await this.aggregates.handle(apiKeyStreamId(keyId), apiKeyDecider, {
      type: 'CreateApiKey',
      keyId,
      name: input.name,
      role: input.role,
      prefix,
      now: now.toISOString(),
      origin: input.origin,
    });
    await this.credentials.insert({
      keyId,
      prefix,
      name: input.name,
      role: input.role,
      ...hashed,
      origin: input.origin,
      createdBy: requestContext.current()?.actor ?? 'system:unknown',
      createdAt: now,
    });
    return { keyId, name: input.name, role: input.role, prefix, key, createdAt: now.toISOString() };
  }
}
