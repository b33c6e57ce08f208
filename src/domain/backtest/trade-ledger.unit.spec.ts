import { compileInstrument } from '../matching/instrument-spec';
import { btc, BTC } from './backtest.testing';
import { TradeLedger, type LedgerFill } from './trade-ledger';
import { Dec } from '../shared/decimal';
import { canonicalJson } from './canonical-json';
import { resultJson } from './result-json';

const money = (x: string): bigint => BigInt(new Dec(x).mul('1e24').toFixed(0));
// tick 0.1, lot 0.001
const fill = (
  at: number,
  isBuy: boolean,
  price: string,
  qty: string,
  fee: string,
  realized = '0',
): LedgerFill => ({
  at,
  isBuy,
  ticks: new Dec(price).div('0.1').toNumber(),
  lots: new Dec(qty).div('0.001').toNumber(),
  fee: money(fee),
  realized: money(realized),
});

describe('trade ledger: round trips from fills, worked by hand', () => {
  it('averages several entries, splits a flip and its fee, and writes exact decimals', () => {
    const ledger = new TradeLedger(BTC, compileInstrument(btc));
    ledger.onFill(fill(1, true, '100', '1', '0.05'));
    ledger.onFill(fill(2, true, '101.5', '2', '0.1015'));
    // sells 4: closes the long 3 ((103 - 101) * 3 = 6 realized), opens a short 1
    ledger.onFill(fill(3, false, '103', '4', '0.206', '6'));
    ledger.onFunding(money('-0.0123')); // on the short
    ledger.onFill(fill(4, true, '102', '1', '0.051', '1'));
    expect(ledger.closed).toEqual([
      {
        symbol: BTC,
        side: 'long',
        entryTime: 1,
        exitTime: 3,
        quantity: '3',
        entryPrice: '101', // (100 * 1 + 101.5 * 2) / 3
        exitPrice: '103',
        grossPnl: '6',
        fees: '0.306', // 0.05 + 0.1015 + 0.206 * 3/4 = 0.1545
        funding: '0',
        netPnl: '5.694',
      },
      {
        symbol: BTC,
        side: 'short',
        entryTime: 3,
        exitTime: 4,
        quantity: '1',
        entryPrice: '103',
        exitPrice: '102',
        grossPnl: '1',
        fees: '0.1025', // 0.206 * 1/4 = 0.0515, + 0.051
        funding: '-0.0123',
        netPnl: '0.8852', // 1 - 0.1025 - 0.0123
      },
    ]);
  });

  it('rounds a non-terminating average half-even to 8 decimals', () => {
    const ledger = new TradeLedger(BTC, compileInstrument(btc));
    ledger.onFill(fill(1, true, '100', '1', '0'));
    ledger.onFill(fill(2, true, '100.1', '1', '0'));
    ledger.onFill(fill(3, true, '100.1', '1', '0'));
    // (100 + 100.1 + 100.1) / 3 = 100.0666666... -> 100.06666667; net -0.2 - 0.0000001
    ledger.onFill(fill(4, false, '100', '3', '0.0000001', '-0.2'));
    expect(ledger.closed[0]).toMatchObject({
      entryPrice: '100.06666667',
      fees: '0.0000001',
      netPnl: '-0.2000001',
    });
  });

  it('writes its trades into the canonical JSON the result hash takes', () => {
    const ledger = new TradeLedger(BTC, compileInstrument(btc));
    ledger.onFill(fill(1, true, '100', '1', '0.05'));
    ledger.onFill(fill(3, false, '103', '4', '0.206', '3')); // a flip: its fee split by quantity
    ledger.onFunding(money('-0.000000000012345')); // more than 8 decimals: rounded
    ledger.onFill(fill(4, true, '102', '3', '0.153', '3'));
    expect(ledger.closed).toHaveLength(2);
    const value = { assumptions: {}, metrics: {}, openTrade: ledger.closed[0], trades: ledger.closed };
    expect(resultJson(value as unknown as Parameters<typeof resultJson>[0])).toBe(canonicalJson(value));
  });
});
