import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { formatApiKey, parseApiKey } from '../../domain/access';

// OWASP's scrypt floor; one check costs tens of milliseconds, which the verified-key cache absorbs.
const SCRYPT: ScryptOptions = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, HASH_BYTES, SCRYPT, (err, key) => (err === null ? resolve(key) : reject(err))),
  );
}

export interface NewKeyMaterial {
  keyId: string;
  prefix: string;
  key: string;
}

export interface KeyHash {
  salt: Buffer;
  hash: Buffer;
}

export const apiKeyHasher = {
  generate(): NewKeyMaterial {
    const prefix = randomBytes(6).toString('hex');
    return {
      keyId: `key_${randomBytes(8).toString('hex')}`,
      prefix,
      key: formatApiKey(prefix, randomBytes(24).toString('base64url')),
    };
  },

  /** The clear lookup prefix of any key: its own for `tb_` keys, a digest for a free-form ADMIN_API_KEY. */
  lookupPrefix(raw: string): string {
    return parseApiKey(raw)?.prefix ?? `x${createHash('sha256').update(raw).digest('hex').slice(0, 23)}`;
  },

  async hash(raw: string): Promise<KeyHash> {
    const salt = randomBytes(16);
    return { salt, hash: await scryptAsync(raw, salt) };
  },

  async matches(raw: string, stored: KeyHash): Promise<boolean> {
    const candidate = await scryptAsync(raw, stored.salt);
    return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
  },
};
