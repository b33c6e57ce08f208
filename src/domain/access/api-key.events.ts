import type { Role } from './roles';

/** A key was issued. Neither the secret nor its hash is part of the fact: only who may use what. */
export interface ApiKeyCreated {
  type: 'ApiKeyCreated';
  keyId: string;
  name: string;
  role: Role;
  /** The clear lookup prefix of the key (`tb_<prefix>_...`), to recognise a key in a support case. */
  prefix: string;
  /** ISO-8601 time of issue. */
  createdAt: string;
  /** `api` for POST /v1/api-keys, `bootstrap` for ADMIN_API_KEY or the generated first key. */
  origin: 'api' | 'bootstrap';
}

/** A key was revoked: refused from this moment on, everywhere. */
export interface ApiKeyRevoked {
  type: 'ApiKeyRevoked';
  keyId: string;
  revokedAt: string;
}

export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;
