import pino from 'pino';
import type { ExchangeAdapter } from './exchange-adapter.port';
import { ANY_EXCHANGE, ExchangeRegistry, type ExchangeAdapterFactory } from './exchange-registry';
import { UnknownExchangeError, VenueUnavailableError } from './exchange.errors';
import { SimExchangeAdapter } from './sim/sim-exchange.adapter';

const logger = pino({ level: 'silent' });

function countingFactory(): { factory: ExchangeAdapterFactory; built: string[]; closed: string[] } {
  const built: string[] = [];
  const closed: string[] = [];
  const factory: ExchangeAdapterFactory = ({ id }) => {
    built.push(id);
    const adapter = new SimExchangeAdapter({ id, seed: 1 });
    const close = adapter.close.bind(adapter);
    adapter.close = async () => {
      closed.push(id);
      await close();
    };
    return adapter;
  };
  return { factory, built, closed };
}

describe('ExchangeRegistry', () => {
  it('serves configured ids only, building each adapter once on first use', () => {
    const { factory, built } = countingFactory();
    const registry = new ExchangeRegistry({
      exchanges: ['sim', 'bybit'],
      simSeed: 's',
      logger,
      factories: { sim: factory },
    });
    expect(registry.list()).toEqual(['sim', 'bybit']);
    expect(built).toEqual([]);
    const first: ExchangeAdapter = registry.get('sim');
    expect(registry.get('sim')).toBe(first);
    expect(built).toEqual(['sim']);
    expect(() => registry.get('kraken')).toThrow(UnknownExchangeError);
  });

  it('names configured ids without a factory, and refuses to serve them', () => {
    const registry = new ExchangeRegistry({ exchanges: ['sim', 'bybit'], simSeed: 's', logger });
    registry.registerFactory('sim', countingFactory().factory);
    expect(registry.unsupported()).toEqual(['bybit']);
    expect(() => registry.get('bybit')).toThrow(UnknownExchangeError);
  });

  it('builds ids without their own factory with the wildcard one, passing the id', () => {
    const { factory, built } = countingFactory();
    const registry = new ExchangeRegistry({ exchanges: ['kraken', 'okx'], simSeed: 's', logger });
    registry.registerFactory(ANY_EXCHANGE, factory);
    expect(registry.unsupported()).toEqual([]);
    expect(registry.get('okx').id).toBe('okx');
    expect(registry.summaries().map((s) => s.id)).toEqual(['kraken', 'okx']);
    expect(built).toEqual(['okx', 'kraken']);
  });

  it('closes every adapter it built and serves nothing after', async () => {
    const { factory, closed } = countingFactory();
    const registry = new ExchangeRegistry({
      exchanges: ['a', 'b', 'c'],
      simSeed: 's',
      logger,
      factories: { '*': factory },
    });
    registry.get('a');
    registry.get('c');
    await registry.close();
    expect(closed.sort()).toEqual(['a', 'c']);
    expect(() => registry.get('a')).toThrow(VenueUnavailableError);
  });
});
