import type { LedgerBalance } from '../../accounts';
import { Dec } from '../../../domain/shared/decimal';

/**
 * One equity figure per account for the loss limits: the sum over settlement currencies. Exact for
 * the usual single-currency account (USDT-margined); a multi-currency account would need FX rates.
 */
export function totalEquity(balances: readonly LedgerBalance[]): Dec {
  return balances.reduce((sum, b) => sum.plus(b.equity), new Dec(0));
}
