import { createStrategy, strategyCatalog, UnknownStrategyError } from './strategy-catalog';
import { InvalidStrategyParamsError } from './param-schema';

describe('strategy catalogue', () => {
  it('lists the built-ins with their JSON-schema parameters', () => {
    const catalog = strategyCatalog();
    expect(catalog.map((c) => c.id)).toEqual(['sma-cross', 'oi-momentum', 'copy-trader']);
    for (const entry of catalog) {
      expect(entry.paramsSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(entry.description.length).toBeGreaterThan(20);
      // every parameter is described and has a default: {} is a valid configuration
      for (const [name, property] of Object.entries(entry.paramsSchema.properties)) {
        expect([name, typeof property.description]).toEqual([name, 'string']);
        expect([name, property.default === undefined]).toEqual([name, false]);
      }
      expect(createStrategy(entry.id, {}, { symbols: [] }).params).toEqual(
        Object.fromEntries(Object.entries(entry.paramsSchema.properties).map(([k, p]) => [k, p.default])),
      );
    }
  });

  it('refuses an unknown strategy and bad parameters with typed errors', () => {
    expect(() => createStrategy('nope', {}, { symbols: [] })).toThrow(UnknownStrategyError);
    expect(() => createStrategy('oi-momentum', { maxSymbols: 0 }, { symbols: [] })).toThrow(
      InvalidStrategyParamsError,
    );
    expect(() => createStrategy('copy-trader', { sizeRatio: 0 }, { symbols: [] })).toThrow(
      InvalidStrategyParamsError,
    );
  });
});
