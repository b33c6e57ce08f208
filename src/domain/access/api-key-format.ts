/**
 * API keys look like `tb_<prefix>_<secret>`. The prefix is stored in clear as the lookup key, the
 * secret only as a scrypt hash, so a lookup is one indexed read and one hash check.
 * A key given through ADMIN_API_KEY may have any shape; its lookup prefix then derives from a digest
 * of the whole key (computed by the caller, which owns hashing).
 */
export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

const KEY_FORMAT = /^tb_([a-z0-9]{8,32})_([A-Za-z0-9_-]{16,128})$/;

export function parseApiKey(raw: string): ParsedApiKey | null {
  const match = KEY_FORMAT.exec(raw);
  if (match === null) return null;
  const [, prefix, secret] = match;
  if (prefix === undefined || secret === undefined) return null;
  return { prefix, secret };
}

export function formatApiKey(prefix: string, secret: string): string {
  return `tb_${prefix}_${secret}`;
}

/** The stream that holds one key's history. */
export function apiKeyStreamId(keyId: string): string {
  return `${API_KEY_STREAM_PREFIX}${keyId}`;
}

export const API_KEY_STREAM_PREFIX = 'api-key-';
