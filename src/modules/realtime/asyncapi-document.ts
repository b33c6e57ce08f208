import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';

const RELATIVE_PATH = join('docs', 'asyncapi.yaml');

/** docs/asyncapi.yaml, found from this file upwards (the same from src/ under ts and from dist/). */
export function asyncApiPath(from = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${RELATIVE_PATH} not found above ${from}`);
    dir = parent;
  }
}

/** The AsyncAPI document of /v1/stream as a plain object. */
export function loadAsyncApiDocument(path = asyncApiPath()): Record<string, unknown> {
  const document = load(readFileSync(path, 'utf8'));
  if (typeof document !== 'object' || document === null) throw new Error(`${path} is not a YAML mapping`);
  return document as Record<string, unknown>;
}
