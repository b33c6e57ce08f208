import { InvalidOrderError } from './order.errors';
import { T0, T1, placeLimit } from './order.fixtures';
import type { PlaceOrder } from './order.commands';
import { validatePlaceOrder } from './place-order.validation';

function violationsOf(overrides: Partial<PlaceOrder>): unknown {
  try {
    validatePlaceOrder(placeLimit(overrides));
  } catch (err) {
    if (err instanceof InvalidOrderError) return err.violations.map((v) => [v.field, v.problem]);
    throw err;
  }
  return [];
}

describe('validatePlaceOrder (400 with the field named)', () => {
  it.each([
    ['zero quantity', { quantity: '0' }, [['quantity', 'NOT_POSITIVE']]],
    ['negative quantity', { quantity: '-1' }, [['quantity', 'NOT_POSITIVE']]],
    ['non-numeric quantity', { quantity: 'abc' }, [['quantity', 'NOT_A_DECIMAL']]],
    ['exponent notation', { quantity: '1e3' }, [['quantity', 'NOT_A_DECIMAL']]],
    // Past 40 significant digits Dec arithmetic rounds: filled + fill would no longer be exact.
    ['absurdly large quantity', { quantity: '1'.repeat(60) }, [['quantity', 'TOO_LARGE']]],
    ['quantity of 10^15', { quantity: '1000000000000000' }, [['quantity', 'TOO_LARGE']]],
    ['absurdly large price', { price: '9'.repeat(60) }, [['price', 'TOO_LARGE']]],
    ['too many decimals (lot 0.001)', { quantity: '0.0001' }, [['quantity', 'TOO_MANY_DECIMALS']]],
    ['price too many decimals (tick 0.1)', { price: '100.05' }, [['price', 'TOO_MANY_DECIMALS']]],
    ['limit without a price', { price: null }, [['price', 'REQUIRED']]],
    ['market with a price', { orderType: 'market' as const }, [['price', 'NOT_ALLOWED']]],
    ['stop without a trigger', { orderType: 'stop_limit' as const }, [['triggerPrice', 'REQUIRED']]],
    ['limit with a trigger', { triggerPrice: '90' }, [['triggerPrice', 'NOT_ALLOWED']]],
    ['symbol of another instrument', { symbol: 'ETH/USDT:USDT' }, [['symbol', 'SYMBOL_MISMATCH']]],
    ['empty clientOrderId', { clientOrderId: ' ' }, [['clientOrderId', 'REQUIRED']]],
    ['gtd without expiry', { timeInForce: 'gtd' as const }, [['expiresAt', 'REQUIRED']]],
    ['expiry without gtd', { expiresAt: T1 }, [['expiresAt', 'NOT_ALLOWED']]],
    ['expiry in the past', { timeInForce: 'gtd' as const, expiresAt: T0 }, [['expiresAt', 'NOT_IN_FUTURE']]],
    [
      'expiry not a timestamp',
      { timeInForce: 'gtd' as const, expiresAt: 'tomorrow' },
      [['expiresAt', 'INVALID_TIMESTAMP']],
    ],
    [
      'post-only market',
      { orderType: 'market' as const, price: null, timeInForce: 'post_only' as const },
      [['timeInForce', 'NOT_ALLOWED']],
    ],
    [
      'take-profit below a long entry',
      { takeProfit: { childOrderId: 'tp', triggerPrice: '99', price: null } },
      [['takeProfit.triggerPrice', 'WRONG_SIDE_OF_ENTRY']],
    ],
    [
      'stop-loss below a short entry',
      { side: 'sell' as const, stopLoss: { childOrderId: 'sl', triggerPrice: '99', price: null } },
      [['stopLoss.triggerPrice', 'WRONG_SIDE_OF_ENTRY']],
    ],
    [
      'bracket on a reduce-only order',
      { reduceOnly: true, stopLoss: { childOrderId: 'sl', triggerPrice: '90', price: null } },
      [['stopLoss', 'NOT_ALLOWED']],
    ],
  ])('refuses %s', (_name, overrides, expected) => {
    expect(violationsOf(overrides)).toEqual(expected);
  });

  it('reports every bad field at once', () => {
    expect(violationsOf({ quantity: '0.0005', price: '-3' })).toEqual([
      ['quantity', 'TOO_MANY_DECIMALS'],
      ['price', 'NOT_POSITIVE'],
    ]);
  });

  it('accepts a stop-limit short with its bracket and normalises the decimals', () => {
    const valid = validatePlaceOrder(
      placeLimit({
        side: 'sell',
        orderType: 'stop_limit',
        triggerPrice: '99.50',
        price: '99.0',
        takeProfit: { childOrderId: 'tp', triggerPrice: '90', price: null },
        stopLoss: { childOrderId: 'sl', triggerPrice: '105', price: null },
      }),
    );
    expect([valid.quantity.toString(), valid.price?.toString(), valid.triggerPrice?.toString()]).toEqual([
      '2',
      '99',
      '99.5',
    ]);
  });
});
