import type { Role } from './roles';

export interface CreateApiKey {
  type: 'CreateApiKey';
  keyId: string;
  name: string;
  role: Role;
  prefix: string;
  now: string;
  origin: 'api' | 'bootstrap';
}

export interface RevokeApiKey {
  type: 'RevokeApiKey';
  keyId: string;
  now: string;
}

export type ApiKeyCommand = CreateApiKey | RevokeApiKey;
