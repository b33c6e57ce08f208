import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '../../domain/access';
import { ApiKeyCredentialsRepository } from './api-key-credentials.repository';
import { apiKeyHasher } from './api-key-hasher';

export interface AuthenticatedKey {
  keyId: string;
  name: string;
  role: Role;
}

const MAX_VERIFIED = 10_000;

/**
 * Authenticates a raw key: one indexed read by prefix on every call (batched with the calls that
 * arrive while the previous read runs, never older than the call), so a revocation written by any
 * instance is refused at once. Only the costly scrypt check is cached, keyed by a digest of the raw
 * key and valid only while the stored hash is the one it was checked against. Used by the HTTP guard
 * and by the socket.io gateway's handshake.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly verified = new Map<string, string>();

  constructor(private readonly credentials: ApiKeyCredentialsRepository) {}

  async authenticate(raw: string | undefined | null): Promise<AuthenticatedKey | null> {
    if (typeof raw !== 'string' || raw.length < 16 || raw.length > 512) return null;
    const row = await this.credentials.byPrefix(apiKeyHasher.lookupPrefix(raw));
    if (row === undefined || row.revoked_at !== null) return null;
    const digest = createHash('sha256').update(raw).digest('hex');
    const storedHash = row.hash.toString('hex');
    if (this.verified.get(digest) !== storedHash) {
      if (!(await apiKeyHasher.matches(raw, { salt: row.salt, hash: row.hash }))) return null;
      this.remember(digest, storedHash);
    }
    return { keyId: row.key_id, name: row.name, role: row.role };
  }

  private remember(digest: string, storedHash: string): void {
    if (this.verified.size >= MAX_VERIFIED) {
      const oldest = this.verified.keys().next();
      if (oldest.done !== true) this.verified.delete(oldest.value);
    }
    this.verified.set(digest, storedHash);
  }
}
