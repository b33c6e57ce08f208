import type { CatalogueEntry } from './event-catalogue';

export const ACCESS_EVENT_CATALOGUE: CatalogueEntry[] = [
  {
    type: 'ApiKeyCreated',
    context: 'auth',
    stream: 'api-key-<keyId>',
    schemaVersion: 1,
    description:
      'An API key was issued. The secret and its hash are not in the event (the hash lives in the api_key_credentials table); metadata.actor names who issued it.',
    fields: [
      {
        name: 'keyId',
        type: 'string',
        description: 'The key id: the actor recorded on everything the key does.',
      },
      { name: 'name', type: 'string', description: 'A human label given at creation.' },
      {
        name: 'role',
        type: "'admin' | 'trader' | 'viewer' | 'auditor'",
        description: 'What the key may do.',
      },
      { name: 'prefix', type: 'string', description: 'The clear lookup prefix (`tb_<prefix>_...`).' },
      { name: 'createdAt', type: 'ISO-8601 string', description: 'Time of issue.' },
      {
        name: 'origin',
        type: "'api' | 'bootstrap'",
        description: 'POST /v1/api-keys, or the first admin key at start.',
      },
    ],
  },
  {
    type: 'ApiKeyRevoked',
    context: 'auth',
    stream: 'api-key-<keyId>',
    schemaVersion: 1,
    description: 'An API key was revoked; every instance refuses it from the next request on.',
    fields: [
      { name: 'keyId', type: 'string', description: 'The revoked key.' },
      { name: 'revokedAt', type: 'ISO-8601 string', description: 'Time of revocation.' },
    ],
  },
];
