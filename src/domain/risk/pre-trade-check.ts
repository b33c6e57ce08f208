import { Dec, toWire } from '../shared/decimal';
import { RiskRejectedError } from './risk.errors';
import { limitOf, type RiskPolicy } from './risk-policy';
import type { RiskRule, RiskViolation } from './risk-violation';
import type { RiskStatus } from './account-risk.state';
import { drawdownPct } from './loss-limits';

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
  readonly recentOrderTimes: readonly string[]; // ISO instants of the account's latest placements
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

/** Risk-reducing: reduce-only, or opposite to the position and no larger than it. */
export function isRiskReducing(order: PreTradeOrder, positionQuantity: Dec): boolean {
  if (order.reduceOnly) return true;
  if (positionQuantity.isZero()) return false;
  const opposite = positionQuantity.isPositive() === (order.side === 'sell');
  return opposite && order.quantity.lte(positionQuantity.abs());
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
  const reducing = isRiskReducing(order, position);
  const flatten = order.flatten === true && reducing;
  const mark = market.markPrice;

  if (account.status === 'HALTED' && !flatten)
    breach('account_halted', 'ACTIVE', 'HALTED', 'the kill switch is tripped');
  if (account.status === 'REDUCING' && !reducing) {
    breach(
      'account_reducing',
      'risk-reducing',
      'risk-increasing',
      'the account takes risk-reducing orders only',
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
    const nowMs = Date.parse(now);
    const inLastSecond = account.recentOrderTimes.filter((t) => {
      const ms = Date.parse(t);
      return ms > nowMs - 1000 && ms <= nowMs;
    }).length;
    if (inLastSecond + 1 > policy.maxOrdersPerSecond) {
      breach(
        'max_orders_per_second',
        String(policy.maxOrdersPerSecond),
        String(inLastSecond + 1),
        'order rate too high',
      );
    }
  }
  if (!reducing) checkNewRisk(order, policy, account, mark, position, breach);
  return { ok: violations.length === 0, violations };
}

function checkNewRisk(
  order: PreTradeOrder,
  policy: RiskPolicy,
  account: AccountRiskSnapshot,
  mark: Dec,
  position: Dec,
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
  const projected = position.plus(order.side === 'buy' ? order.quantity : order.quantity.neg());
  const projectedNotional = projected.abs().mul(mark);
  const maxPosition = limitOf(policy.maxPositionNotional);
  if (maxPosition !== null && projectedNotional.gt(maxPosition)) {
    breach(
      'max_position_notional',
      toWire(maxPosition),
      toWire(projectedNotional),
      'position notional too large',
    );
  }
  const maxGross = limitOf(policy.maxGrossExposure);
  if (maxGross !== null) {
    const others = account.positions
      .filter((p) => p.symbol !== order.symbol)
      .reduce((sum, p) => sum.plus(p.quantity.abs().mul(p.markPrice)), new Dec(0));
    const gross = others.plus(projectedNotional);
    if (gross.gt(maxGross))
      breach('max_gross_exposure', toWire(maxGross), toWire(gross), 'gross exposure too large');
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
