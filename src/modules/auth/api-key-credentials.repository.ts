import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../../domain/access';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';
import { CredentialLookupBatcher } from './credential-lookup-batcher';

export interface CredentialRow {
  key_id: string;
  prefix: string;
  name: string;
  role: Role;
  salt: Buffer;
  hash: Buffer;
  origin: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface NewCredential {
  keyId: string;
  prefix: string;
  name: string;
  role: Role;
  salt: Buffer;
  hash: Buffer;
  origin: 'api' | 'bootstrap';
  createdBy: string;
  createdAt: Date;
}

/**
 * The api_key_credentials table: the hashes, and the revocation every request checks (by prefix,
 * batched: concurrent requests share one fresh read).
 */
@Injectable()
export class ApiKeyCredentialsRepository {
  private readonly lookups = new CredentialLookupBatcher((prefixes) => this.byPrefixes(prefixes));

  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  async insert(c: NewCredential): Promise<void> {
    await this.pool.query(
      `INSERT INTO api_key_credentials (key_id, prefix, name, role, salt, hash, origin, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.keyId, c.prefix, c.name, c.role, c.salt, c.hash, c.origin, c.createdBy, c.createdAt],
    );
  }

  async byPrefix(prefix: string): Promise<CredentialRow | undefined> {
    return this.lookups.byPrefix(prefix);
  }

  /** One read for many prefixes (the lookup batcher's query). */
  private async byPrefixes(prefixes: string[]): Promise<CredentialRow[]> {
    const { rows } = await this.pool.query<CredentialRow>(
      'SELECT * FROM api_key_credentials WHERE prefix = ANY($1::text[])',
      [prefixes],
    );
    return rows;
  }

  async markRevoked(keyId: string, at: Date): Promise<void> {
    await this.pool.query(
      'UPDATE api_key_credentials SET revoked_at = coalesce(revoked_at, $2) WHERE key_id = $1',
      [keyId, at],
    );
  }

  async list(): Promise<CredentialRow[]> {
    const { rows } = await this.pool.query<CredentialRow>(
      'SELECT * FROM api_key_credentials ORDER BY created_at, key_id',
    );
    return rows;
  }

  async countActive(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM api_key_credentials WHERE revoked_at IS NULL',
    );
    return rows[0]?.n ?? 0;
  }
}
