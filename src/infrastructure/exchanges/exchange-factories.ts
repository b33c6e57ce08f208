import type { ExchangeAdapterFactory } from './exchange-registry';
import { CCXT_EXCHANGE_FACTORIES } from './ccxt/ccxt-exchange.factories';
import { SimExchangeAdapter } from './sim/sim-exchange.adapter';

/**
 * The venues the service can build, by registry id (ANY_EXCHANGE, '*', serves every configured id
 * without its own entry). A new venue adds its factory here; docs/extending.md lists the rest.
 */
export const BUILT_IN_EXCHANGE_FACTORIES: Readonly<Record<string, ExchangeAdapterFactory>> = {
  ...CCXT_EXCHANGE_FACTORIES,
  sim: ({ id, simSeed, logger }) => new SimExchangeAdapter({ id, seed: simSeed, logger }),
};
