import type { Logger } from 'pino';
import type { ExchangeAdapter, ExchangeCapabilities } from './exchange-adapter.port';
import { UnknownExchangeError, VenueUnavailableError } from './exchange.errors';

/** What a factory gets to build one venue's adapter. */
export interface ExchangeFactoryContext {
  /** The configured id ('sim', 'binanceusdm', 'kraken' ...): a wildcard factory serves many. */
  readonly id: string;
  /** The process environment: EXCHANGE_<ID>_REST_URL / _WS_URL overrides, account credentials. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly simSeed: string;
  readonly logger: Logger;
}

export type ExchangeAdapterFactory = (context: ExchangeFactoryContext) => ExchangeAdapter;

/** The id that stands for "any other configured id" (the generic ccxt factory registers under it). */
export const ANY_EXCHANGE = '*';

export interface ExchangeSummary {
  id: string;
  capabilities: ExchangeCapabilities;
}

export interface ExchangeRegistryOptions {
  /** The configured ids (EXCHANGES), in order. */
  exchanges: readonly string[];
  simSeed: string;
  logger: Logger;
  env?: Readonly<Record<string, string | undefined>>;
  factories?: Readonly<Record<string, ExchangeAdapterFactory>>;
}

/**
 * The configured venues, each built on first use by the factory registered for its id (or by the
 * wildcard factory), so a venue nobody asks for opens no connection. Only configured ids are served:
 * asking for another one is an UnknownExchangeError (400), whatever factories exist.
 */
export class ExchangeRegistry {
  private readonly configured: readonly string[];
  private readonly factories = new Map<string, ExchangeAdapterFactory>();
  private readonly adapters = new Map<string, ExchangeAdapter>();
  private closed = false;

  constructor(private readonly options: ExchangeRegistryOptions) {
    this.configured = [...new Set(options.exchanges)];
    for (const [id, factory] of Object.entries(options.factories ?? {})) this.registerFactory(id, factory);
  }

  /** Registers the factory for one id, or for every id without its own (ANY_EXCHANGE). */
  registerFactory(id: string, factory: ExchangeAdapterFactory): this {
    if (this.adapters.has(id))
      throw new Error(`exchange ${id} is already in use; register factories at start`);
    this.factories.set(id, factory);
    return this;
  }

  /** The configured ids, in configuration order. */
  list(): string[] {
    return [...this.configured];
  }

  has(id: string): boolean {
    return this.configured.includes(id);
  }

  /** The adapter of a configured venue, created on first use. */
  get(id: string): ExchangeAdapter {
    if (this.closed) throw new VenueUnavailableError('the exchanges are shut down', { exchange: id });
    const existing = this.adapters.get(id);
    if (existing !== undefined) return existing;
    if (!this.has(id)) {
      throw new UnknownExchangeError(`exchange "${id}" is not configured`, {
        exchange: id,
        configured: this.list(),
      });
    }
    const factory = this.factories.get(id) ?? this.factories.get(ANY_EXCHANGE);
    if (factory === undefined) {
      throw new UnknownExchangeError(`no adapter is available for exchange "${id}"`, { exchange: id });
    }
    const adapter = factory({
      id,
      env: this.options.env ?? process.env,
      simSeed: this.options.simSeed,
      logger: this.options.logger.child({ exchange: id }),
    });
    this.adapters.set(id, adapter);
    return adapter;
  }

  /** Every configured venue with what it can do (creates the adapters, opening no connection). */
  summaries(): ExchangeSummary[] {
    return this.configured.map((id) => ({ id, capabilities: this.get(id).capabilities }));
  }

  /** Ids configured without any factory able to build them: the module refuses to start with one. */
  unsupported(): string[] {
    return this.configured.filter((id) => !this.factories.has(id) && !this.factories.has(ANY_EXCHANGE));
  }

  /** Closes every adapter created (streams, timers, sockets); the registry serves nothing after. */
  async close(): Promise<void> {
    this.closed = true;
    const adapters = [...this.adapters.values()];
    this.adapters.clear();
    const results = await Promise.allSettled(adapters.map((a) => a.close()));
    for (const result of results) {
      if (result.status === 'rejected')
        this.options.logger.warn({ err: result.reason }, 'an exchange adapter failed to close');
    }
  }
}
