import { Dec, toWire } from '../shared/decimal';
import { RiskRejectedError } from './risk.errors';
import { limitOf, type RiskPolicy } from './risk-policy';
import type { RiskRule, RiskViolation } from './risk-violation';
import type { RiskStatus } from './account-risk.state';
import { drawdownPct } from './loss-limits';
import {
  NO_OPEN_QUANTITY,
  reducibleQuantity,
  withOrder,
  worstCaseNotional,
  type OpenQuantity,
} from './worst-case-exposure';

export interface PreTradeOrder {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: Dec;
  readonly price: Dec | null; // limit price
  readonly triggerPrice: Dec | null;
  readonly reduceOnly: boolean;
  /** A close sent by the kill switch's flatten: the only order a HALTED account takes. */
  readonly flatten?: boolean;
}

export interface AccountPositionSnapshot {
  readonly symbol: string;
  readonly quantity: Dec; // signed
  readonly markPrice: Dec;
}

export interface AccountRiskSnapshot {
  readonly status: RiskStatus;
  readonly equity: Dec;
  readonly startOfDayEquity: Dec;
  readonly peakEquity: Dec;
  readonly positions: readonly AccountPositionSnapshot[];
  readonly openOrders: number;
  /** Open buy / sell quantity per symbol (read model plus placements not yet visible in it). */
  readonly openQuantities: readonly OpenQuantity[];
  /** Marks of symbols with open orders but no position (for gross exposure). */
  readonly openMarks?: readonly MarketSnapshot[];
  /** Epoch milliseconds of the account's latest placements, oldest first (older ones may lead). */
  readonly recentOrderTimes: readonly number[];
}

export interface MarketSnapshot {
  readonly symbol: string;
  readonly markPrice: Dec;
}

export interface PreTradeResult {
  readonly ok: boolean;
  readonly violations: readonly RiskViolation[];
}

const PCT_DP = 4;
const HUNDRED = new Dec(100);

/**
 * Risk-reducing: reduce-only (the venue never lets it pass zero), or opposite the position and, together
 * with the open orders already resting on that side, no larger than it: so no fill sequence of them all
 * can flip the position. Without `open`, the order is judged alone (the kill switch's and a bracket's
 * closes, whose other open orders are being cancelled or cancel each other).
 */
export function isRiskReducing(
  order: PreTradeOrder,
  positionQuantity: Dec,
  open: OpenQuantity = NO_OPEN_QUANTITY(order.symbol),
): boolean {
  if (order.reduceOnly) return true;
  if (positionQuantity.isZero()) return false;
  const opposite = positionQuantity.isPositive() === (order.side === 'sell');
  return opposite && order.quantity.lte(reducibleQuantity(positionQuantity, open));
}

/**
 * The pre-trade check: every rule the order breaks, each with its limit and the value (so a refusal
 * explains itself). Orders that add risk meet every rule; risk-reducing ones only the account state,
 * the price band, the open-order count and the rate, so a trader can always get smaller.
 */
export function checkPreTrade(
  order: PreTradeOrder,
  policy: RiskPolicy,
  account: AccountRiskSnapshot,
  market: MarketSnapshot,
  now: string,
): PreTradeResult {
  const violations: RiskViolation[] = [];
  const breach = (rule: RiskRule, limit: string, value: string, message: string) =>
    violations.push({ rule, limit, value, message });
  const position = account.positions.find((p) => p.symbol === order.symbol)?.quantity ?? new Dec(0);
  const open =
    account.openQuantities.find((q) => q.symbol === order.symbol) ?? NO_OPEN_QUANTITY(order.symbol);
  const flatten = order.flatten === true && isRiskReducing(order, position);
  const reducing = flatten || isRiskReducing(order, position, open);
  const mark = market.markPrice;

  if (account.status === 'HALTED' && !flatten)
    breach('account_halted', 'ACTIVE', 'HALTED', 'the kill switch is tripped');
  if (account.status === 'REDUCING' && !reducing) {
    breach(
      'account_reducing',
      'risk-reducing',
      'risk-increasing',
      `the account takes risk-reducing orders only: ${reducingNote(order, position, open)}`,
    );
  }
  if (flatten) return { ok: violations.length === 0, violations };

  const band = limitOf(policy.priceBandPct);
  for (const [field, price] of [
    ['price', order.price],
    ['triggerPrice', order.triggerPrice],
  ] as const) {
    if (band === null || price === null || !mark.gt(0)) continue;
    const deviation = price.minus(mark).abs().div(mark).mul(HUNDRED);
    if (deviation.gt(band)) {
      const value = toWire(deviation.toDecimalPlaces(PCT_DP, Dec.ROUND_UP));
      breach(
        'price_band_pct',
        toWire(band),
        value,
        `${field} ${toWire(price)} is ${value}% from the mark ${toWire(mark)}`,
      );
    }
  }
  if (policy.maxOpenOrders !== null && account.openOrders + 1 > policy.maxOpenOrders) {
    breach(
      'max_open_orders',
      String(policy.maxOpenOrders),
      String(account.openOrders + 1),
      'too many open orders',
    );
  }
  if (policy.maxOrdersPerSecond !== null) {
    const inLastSecond = placementsInLastSecond(account.recentOrderTimes, Date.parse(now));
    if (inLastSecond + 1 > policy.maxOrdersPerSecond) {
      breach(
        'max_orders_per_second',
        String(policy.maxOrdersPerSecond),
        String(inLastSecond + 1),
        'order rate too high',
      );
    }
  }
  if (!reducing) checkNewRisk(order, policy, account, mark, position, open, breach);
  return { ok: violations.length === 0, violations };
}

/** Placements in (now - 1 s, now], counted from the newest: the cost is the rate, not the history. */
function placementsInLastSecond(times: readonly number[], nowMs: number): number {
  let count = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    const ms = times[i] as number;
    if (ms <= nowMs - 1000) break;
    if (ms <= nowMs) count++;
  }
  return count;
}

function checkNewRisk(
  order: PreTradeOrder,
  policy: RiskPolicy,
  account: AccountRiskSnapshot,
  mark: Dec,
  position: Dec,
  open: OpenQuantity,
  breach: (rule: RiskRule, limit: string, value: string, message: string) => void,
): void {
  if (policy.allowedSymbols !== null && !policy.allowedSymbols.includes(order.symbol)) {
    breach(
      'allowed_symbols',
      policy.allowedSymbols.join(','),
      order.symbol,
      `${order.symbol} is not allowed`,
    );
  }
  const maxOrder = limitOf(policy.maxOrderNotional);
  const orderNotional = order.quantity.mul(order.price ?? order.triggerPrice ?? mark);
  if (maxOrder !== null && orderNotional.gt(maxOrder)) {
    breach('max_order_notional', toWire(maxOrder), toWire(orderNotional), 'order notional too large');
  }
  // Worst case: every open order on the order's side fills too (position + buys, position - sells).
  const projectedNotional = worstCaseNotional(position, withOrder(open, order.side, order.quantity), mark);
  const maxPosition = limitOf(policy.maxPositionNotional);
  if (maxPosition !== null && projectedNotional.gt(maxPosition)) {
    breach(
      'max_position_notional',
      toWire(maxPosition),
      toWire(projectedNotional),
      'worst-case position notional (position and open orders) too large',
    );
  }
  const maxGross = limitOf(policy.maxGrossExposure);
  if (maxGross !== null) {
    const gross = otherSymbolsExposure(order.symbol, account).plus(projectedNotional);
    if (gross.gt(maxGross))
      breach(
        'max_gross_exposure',
        toWire(maxGross),
        toWire(gross),
        'worst-case gross exposure (positions and open orders) too large',
      );
  }
  const maxDailyLoss = limitOf(policy.maxDailyLoss);
  const dailyLoss = account.startOfDayEquity.minus(account.equity);
  if (maxDailyLoss !== null && dailyLoss.gte(maxDailyLoss)) {
    breach('max_daily_loss', toWire(maxDailyLoss), toWire(dailyLoss), 'daily loss limit reached');
  }
  const maxDrawdown = limitOf(policy.maxDrawdownPct);
  const drawdown = drawdownPct(account.peakEquity, account.equity);
  if (maxDrawdown !== null && drawdown.gte(maxDrawdown)) {
    breach(
      'max_drawdown_pct',
      toWire(maxDrawdown),
      toWire(drawdown.toDecimalPlaces(PCT_DP, Dec.ROUND_UP)),
      'drawdown limit reached',
    );
  }
}

/** Why an order is not risk-reducing, with the quantities (the rule's value is a word, kept stable). */
function reducingNote(order: PreTradeOrder, position: Dec, open: OpenQuantity): string {
  const what = `${order.side} ${toWire(order.quantity)}`;
  if (position.isZero()) return `${what} against no position`;
  if (position.isPositive() === (order.side === 'buy'))
    return `${what} adds to a position of ${toWire(position)}`;
  const resting = position.isPositive() ? open.sell : open.buy;
  return `${what} with ${toWire(resting)} already open on that side against a position of ${toWire(position)} (reducible ${toWire(reducibleQuantity(position, open))})`;
}

/** Sum over the other symbols of the worst-case |position| * mark, open orders included. */
function otherSymbolsExposure(symbol: string, account: AccountRiskSnapshot): Dec {
  const symbols = new Set<string>();
  for (const p of account.positions) symbols.add(p.symbol);
  for (const q of account.openQuantities) symbols.add(q.symbol);
  symbols.delete(symbol);
  let sum = new Dec(0);
  for (const s of symbols) {
    const p = account.positions.find((x) => x.symbol === s);
    const open = account.openQuantities.find((q) => q.symbol === s) ?? NO_OPEN_QUANTITY(s);
    const mark =
      p !== undefined && p.markPrice.gt(0)
        ? p.markPrice
        : (account.openMarks?.find((m) => m.symbol === s)?.markPrice ?? new Dec(0));
    sum = sum.plus(worstCaseNotional(p?.quantity ?? new Dec(0), open, mark));
  }
  return sum;
}

/** checkPreTrade that throws RiskRejectedError (422, RISK_REJECTED) when any rule is broken. */
export function assertPreTrade(
  order: PreTradeOrder,
  policy: RiskPolicy,
  account: AccountRiskSnapshot,
  market: MarketSnapshot,
  now: string,
): void {
  const result = checkPreTrade(order, policy, account, market, now);
  if (!result.ok) throw new RiskRejectedError(result.violations);
}
