import { Dec } from '../shared/decimal';
import type { BacktestTrade } from './backtest.types';

export interface NetPnlSums {
  readonly count: number;
  readonly wins: number;
  readonly grossWin: bigint; // 10^-8 units
  readonly grossLoss: bigint; // 10^-8 units, > 0
}

const UNITS_PER_ONE = 100_000_000; // 10^-8 units in 1
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/**
 * Counts winning trades and sums net PnL won and lost, exactly as integers of 10^-8 (net PnL
 * strings carry at most 8 decimals). Each string is read as a safe-integer number when it is a
 * plain decimal that fits (a year of trades: no bigint per trade); the sums go into the bigints
 * before they could pass 2^53; anything else takes the bigint parse.
 */
export function sumNetPnl(trades: readonly BacktestTrade[]): NetPnlSums {
  let wins = 0;
  let count = 0;
  let grossWin = 0n;
  let grossLoss = 0n;
  let win = 0; // not yet in grossWin
  let loss = 0;
  // (an index, not for-of: run once per backtest, the loop may start unoptimised, where for-of
  // allocates an iterator result per trade)
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i] as BacktestTrade;
    count++;
    const units = plainUnits8(t.netPnl);
    if (Number.isNaN(units)) {
      const big = wireToUnits8(t.netPnl);
      if (big > 0n) {
        wins++;
        grossWin += big;
      } else if (big < 0n) grossLoss -= big;
    } else if (units > 0) {
      wins++;
      if (!Number.isSafeInteger(win + units)) {
        grossWin += BigInt(win);
        win = 0;
      }
      win += units;
    } else if (units < 0) {
      if (!Number.isSafeInteger(loss - units)) {
        grossLoss += BigInt(loss);
        loss = 0;
      }
      loss -= units;
    }
  }
  return { count, wins, grossWin: grossWin + BigInt(win), grossLoss: grossLoss + BigInt(loss) };
}

/** "-1.5" -> -150000000: digits, one optional dot, at most 8 decimals, a safe result; else NaN. */
function plainUnits8(wire: string): number {
  const negative = wire.charCodeAt(0) === 45; // '-'
  let digits = 0;
  let decimals = -1; // -1 until the dot
  let units = 0;
  for (let i = negative ? 1 : 0; i < wire.length; i++) {
    const c = wire.charCodeAt(i);
    if (c === 46 && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < 48 || c > 57 || units >= 900_000_000_000_000) return NaN; // (units * 10 stays exact)
    units = units * 10 + (c - 48);
    digits++;
    if (decimals >= 0) decimals++;
  }
  if (digits === 0 || decimals > 8) return NaN;
  const scaled = units * (POW10[8 - Math.max(0, decimals)] as number);
  if (!Number.isSafeInteger(scaled)) return NaN;
  return negative ? -scaled : scaled;
}

/** A wire decimal with at most 8 decimals ("-1.5") as integer 10^-8 units (-150000000n). */
function wireToUnits8(wire: string): bigint {
  const dot = wire.indexOf('.');
  if (dot < 0) return BigInt(wire) * BigInt(UNITS_PER_ONE);
  const fraction = wire.slice(dot + 1);
  if (fraction.length > 8) return BigInt(new Dec(wire).mul(UNITS_PER_ONE).toFixed(0));
  return BigInt(wire.slice(0, dot) + fraction.padEnd(8, '0'));
}
