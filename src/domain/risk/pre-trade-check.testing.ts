import { Dec } from '../shared/decimal';
import { checkPreTrade, type AccountRiskSnapshot, type PreTradeOrder } from './pre-trade-check';
import { UNLIMITED_POLICY, type RiskPolicy } from './risk-policy';

/** Shared by the pre-trade check's specs: one market at a mark of 100 and a flat 10,000 account. */
export const BTC = 'BTC/USDT:USDT';
export const ETH = 'ETH/USDT:USDT';
export const NOW = '2025-03-01T12:00:01.000Z';
export const d = (v: string): Dec => new Dec(v);
export const market = { symbol: BTC, markPrice: d('100') };

/** A limit buy of 1 BTC at 100, with `o` on top. */
export const order = (o: Partial<PreTradeOrder> = {}): PreTradeOrder => ({
  symbol: BTC,
  side: 'buy',
  quantity: d('1'),
  price: d('100'),
  triggerPrice: null,
  reduceOnly: false,
  ...o,
});

export const account = (a: Partial<AccountRiskSnapshot> = {}): AccountRiskSnapshot => ({
  status: 'ACTIVE',
  equity: d('10000'),
  startOfDayEquity: d('10000'),
  peakEquity: d('10000'),
  positions: [],
  openOrders: 0,
  recentOrderTimes: [],
  openQuantities: [],
  ...a,
});

/** The violations as [rule, limit, value], under an unlimited policy with `p` on top. */
export const check = (o: PreTradeOrder, p: Partial<RiskPolicy>, a = account()): (string | null)[][] =>
  checkPreTrade(o, { ...UNLIMITED_POLICY, ...p }, a, market, NOW).violations.map((v) => [
    v.rule,
    v.limit,
    v.value,
  ]);
