import { InvalidRiskInputError } from './risk.errors';
import { UNLIMITED_POLICY, validateRiskPolicy, type RiskPolicy } from './risk-policy';

const fieldsRefused = (p: Partial<RiskPolicy>): string[] => {
  try {
    validateRiskPolicy({ ...UNLIMITED_POLICY, ...p });
    return [];
  } catch (err) {
    if (!(err instanceof InvalidRiskInputError)) throw err;
    return err.violations.map((v) => v.field);
  }
};

describe('risk policy: count limits are safe integers', () => {
  it('takes 0 and 2^53 - 1', () => {
    expect(fieldsRefused({ maxOrdersPerSecond: 0, maxOpenOrders: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });

  it('refuses 2^53, 1e300 and Infinity (integers in JSON, but not exact counts)', () => {
    expect(fieldsRefused({ maxOrdersPerSecond: 2 ** 53 })).toEqual(['maxOrdersPerSecond']);
    expect(fieldsRefused({ maxOrdersPerSecond: 1e300, maxOpenOrders: Infinity })).toEqual([
      'maxOpenOrders',
      'maxOrdersPerSecond',
    ]);
  });

  it('refuses negatives and fractions', () => {
    expect(fieldsRefused({ maxOpenOrders: -1, maxOrdersPerSecond: 1.5 })).toEqual([
      'maxOpenOrders',
      'maxOrdersPerSecond',
    ]);
  });
});
