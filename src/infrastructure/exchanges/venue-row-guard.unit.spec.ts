import { isValidCandle, isValidTrade, keepValidRows } from './venue-row-guard';
import { malformedRowCount } from './venue.metrics';

describe('keepValidRows', () => {
  it('drops malformed candles, counting and logging each, and keeps the rest in order', async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (obj: unknown) => warnings.push(obj) } as never;
    const before = await malformedRowCount('guarded', 'klines');
    const rows = [
      [60_000, 10, 12, 9, 11, 5],
      [120_000, 11, 'x', 9, 11, 5],
      [180_000, 11, 10, 12, 11, 5], // high below low
      [240_000, 11, 13, 10, 12, -1],
      [300_000, 12, 13, 11, 12, 0],
    ];
    const kept = keepValidRows(rows, isValidCandle, { exchange: 'guarded', kind: 'klines', logger });
    expect(kept).toEqual([rows[0], rows[4]]);
    expect(await malformedRowCount('guarded', 'klines')).toBe(before + 3);
    expect(warnings).toHaveLength(3);
  });

  it('drops trades without an id, a side, or a positive price and amount', () => {
    const good = {
      id: '1',
      timestamp: 1,
      side: 'buy',
      price: 10,
      amount: 1,
      symbol: 'X',
      datetime: '',
      cost: 10,
    };
    const rows = [
      good,
      { ...good, id: 2 },
      { ...good, side: 'hold' },
      { ...good, price: Number.NaN },
      { ...good, amount: 0 },
      null,
    ];
    expect(keepValidRows(rows, isValidTrade, { exchange: 'guarded', kind: 'trades' })).toEqual([good]);
  });
});
