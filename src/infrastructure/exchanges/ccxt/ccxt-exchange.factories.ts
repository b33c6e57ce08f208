import { ANY_EXCHANGE, type ExchangeAdapterFactory } from '../exchange-registry';
import { CcxtExchangeAdapter } from './ccxt-exchange.adapter';

const ccxtFactory: ExchangeAdapterFactory = ({ id, env, logger }) =>
  new CcxtExchangeAdapter(id, { env, logger: logger.child({ exchange: id }) });

/**
 * Live venues through ccxt: the four named profiles, and ANY_EXCHANGE for every other configured
 * ccxt id (generic profile: snapshots and ccxt's own streams, no venue quirks).
 */
export const CCXT_EXCHANGE_FACTORIES: Readonly<Record<string, ExchangeAdapterFactory>> = {
  binanceusdm: ccxtFactory,
  bybit: ccxtFactory,
  hyperliquid: ccxtFactory,
  coinbase: ccxtFactory,
  [ANY_EXCHANGE]: ccxtFactory,
};
