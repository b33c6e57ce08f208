import { checkParams, InvalidStrategyParamsError, validateParams, type ParamsSchema } from './param-schema';
import { createStrategy, strategyCatalog, UnknownStrategyError } from './strategy-catalog';

const schema: ParamsSchema = {
  type: 'object',
  properties: {
    period: { type: 'integer', minimum: 2, maximum: 200, default: 14 },
    size: { type: 'number', exclusiveMinimum: 0 },
    side: { type: 'string', enum: ['long', 'short'], default: 'long' },
    dryRun: { type: 'boolean', default: false },
  },
  required: ['size'],
  additionalProperties: false,
};

describe('strategy parameters (JSON schema subset)', () => {
  it('fills in defaults', () => {
    expect(validateParams(schema, { size: 0.5 })).toEqual({
      period: 14,
      size: 0.5,
      side: 'long',
      dryRun: false,
    });
  });

  it('lists every problem at once', () => {
    const { problems } = checkParams(schema, { period: 2.5, side: 'up', dryRun: 'yes', extra: 1 });
    expect(problems).toEqual([
      { path: 'extra', message: 'is not a known parameter' },
      { path: 'period', message: 'must be an integer' },
      { path: 'size', message: 'is required' },
      { path: 'side', message: 'must be one of long, short' },
      { path: 'dryRun', message: 'must be a boolean' },
    ]);
  });

  it('checks bounds', () => {
    expect(checkParams(schema, { size: 0, period: 1 }).problems).toEqual([
      { path: 'period', message: 'must be >= 2' },
      { path: 'size', message: 'must be > 0' },
    ]);
    expect(checkParams(schema, { size: 1, period: 201 }).problems).toEqual([
      { path: 'period', message: 'must be <= 200' },
    ]);
    expect(checkParams(schema, [1]).problems).toEqual([{ path: '', message: 'must be an object' }]);
  });

  it('throws a typed validation error', () => {
    expect(() => validateParams(schema, {})).toThrow(InvalidStrategyParamsError);
  });
});

describe('the catalogue', () => {
  it('lists every built-in with its schema', () => {
    const catalog = strategyCatalog();
    expect(catalog.map((c) => c.id)).toEqual(expect.arrayContaining(['sma-cross']));
    for (const entry of catalog) {
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.paramsSchema.type).toBe('object');
      // every default is valid against its own schema
      expect(checkParams(entry.paramsSchema, {}).problems.filter((p) => p.message !== 'is required')).toEqual(
        [],
      );
    }
  });

  it('refuses an unknown id and bad params on create', () => {
    expect(() => createStrategy('nope', {}, { symbols: [] })).toThrow(UnknownStrategyError);
    expect(() => createStrategy('sma-cross', { fast: 'x' }, { symbols: [] })).toThrow(
      InvalidStrategyParamsError,
    );
  });
});
