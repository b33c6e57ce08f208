/** The exchanges module's public contract: the registry of configured venues. */
export { ExchangesModule } from './exchanges.module';
export {
  ANY_EXCHANGE,
  ExchangeRegistry,
  type ExchangeAdapterFactory,
  type ExchangeFactoryContext,
  type ExchangeSummary,
} from '../../infrastructure/exchanges/exchange-registry';
