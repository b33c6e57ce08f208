import Module from 'node:module';
import { dirname } from 'node:path';
import type * as Ccxt from 'ccxt';

/**
 * Loads ccxt through Node's own module loader rather than Jest's.
 *
 * ccxt's CommonJS build requires `@noble/*` and `@scure/*`, which are ESM-only. Node 20.19+ can
 * require them natively, but Jest's loader (before Node 24.9) cannot, and jest.config.js neither
 * transforms nor maps them. Jest copies the host `Module._load` onto the `node:module` it hands
 * out, so a Module instance built here resolves and loads ccxt natively. Remove this helper once the
 * Jest config transforms those packages (e.g. `transformIgnorePatterns` excluding `@noble|@scure`
 * plus a `.js` transform), and import `ccxt` directly.
 */
type ModuleStatics = typeof Module & { _nodeModulePaths(from: string): string[] };

function loadNatively(): typeof Ccxt {
  const statics = Module as ModuleStatics;
  const host = new Module(__filename);
  host.filename = __filename;
  host.paths = statics._nodeModulePaths(dirname(__filename));
  return host.require('ccxt') as typeof Ccxt;
}

export const ccxt = loadNatively();
