import type { BacktestAssumptions, BacktestMetrics, BacktestTrade } from './backtest.types';
import { canonicalJson } from './canonical-json';
import { allLedgerTrades } from './ledger-trade';

/** A trade's keys, sorted: as JSON.stringify's replacer they fix which keys are written and in what order. */
const TRADE_KEYS = [
  'entryPrice',
  'entryTime',
  'exitPrice',
  'exitTime',
  'fees',
  'funding',
  'grossPnl',
  'netPnl',
  'quantity',
  'side',
  'symbol',
];

/**
 * The canonical JSON that a result hash is taken over: {assumptions, metrics, openTrade, trades},
 * byte for byte what canonicalJson gives (keys sorted at every level), but trades, which are a
 * year's bulk of the text, are written natively by JSON.stringify with their fixed sorted keys
 * (no key collection, no string per trade: faster than writing each trade by hand, less garbage);
 * the ledger's own trades, whose keys are already in sorted order, without even the key list.
 */
export function resultJson(result: {
  readonly assumptions: BacktestAssumptions;
  readonly metrics: BacktestMetrics;
  readonly openTrade: BacktestTrade | null;
  readonly trades: readonly BacktestTrade[];
}): string {
  const open = result.openTrade === null ? 'null' : JSON.stringify(result.openTrade, TRADE_KEYS);
  return (
    `{"assumptions":${canonicalJson(result.assumptions)},"metrics":${canonicalJson(result.metrics)},` +
    `"openTrade":${open},"trades":${tradesJson(result.trades)}}`
  );
}

function tradesJson(trades: readonly BacktestTrade[]): string {
  return allLedgerTrades(trades) ? JSON.stringify(trades) : JSON.stringify(trades, TRADE_KEYS);
}
