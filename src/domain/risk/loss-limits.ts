import { Dec, toWire } from '../shared/decimal';
import { limitOf, type RiskPolicy } from './risk-policy';
import type { RiskViolation } from './risk-violation';

const HUNDRED = new Dec(100);

/** (peak - equity) / peak * 100; 0 without a positive peak. */
export function drawdownPct(peakEquity: Dec, equity: Dec): Dec {
  if (!peakEquity.gt(0) || equity.gte(peakEquity)) return new Dec(0);
  return peakEquity.minus(equity).div(peakEquity).mul(HUNDRED);
}

/** The equity history the monitor keeps per account (stored as JSON). Days are UTC dates. */
export interface EquityWatermarks {
  readonly day: string; // YYYY-MM-DD
  readonly startOfDayEquity: string;
  readonly peakEquity: string;
}

/** Folds one equity observation in: a new UTC day restarts the day's baseline, the peak only rises. */
export function trackEquity(watermarks: EquityWatermarks | null, equity: Dec, at: string): EquityWatermarks {
  const day = at.slice(0, 10);
  if (watermarks === null) return { day, startOfDayEquity: toWire(equity), peakEquity: toWire(equity) };
  const peak = Dec.max(new Dec(watermarks.peakEquity), equity);
  return {
    day,
    startOfDayEquity: day === watermarks.day ? watermarks.startOfDayEquity : toWire(equity),
    peakEquity: toWire(peak),
  };
}

/** The daily-loss and drawdown rules broken at this equity. */
export function checkLossLimits(
  policy: RiskPolicy,
  watermarks: EquityWatermarks,
  equity: Dec,
): RiskViolation[] {
  const violations: RiskViolation[] = [];
  const maxDailyLoss = limitOf(policy.maxDailyLoss);
  const dailyLoss = new Dec(watermarks.startOfDayEquity).minus(equity);
  if (maxDailyLoss !== null && dailyLoss.gte(maxDailyLoss)) {
    violations.push({
      rule: 'max_daily_loss',
      limit: toWire(maxDailyLoss),
      value: toWire(dailyLoss),
      message: 'daily loss limit reached',
    });
  }
  const maxDrawdown = limitOf(policy.maxDrawdownPct);
  const drawdown = drawdownPct(new Dec(watermarks.peakEquity), equity);
  if (maxDrawdown !== null && drawdown.gte(maxDrawdown)) {
    violations.push({
      rule: 'max_drawdown_pct',
      limit: toWire(maxDrawdown),
      value: toWire(drawdown.toDecimalPlaces(4, Dec.ROUND_UP)),
      message: 'drawdown limit reached',
    });
  }
  return violations;
}

export interface LossMonitorVerdict {
  readonly watermarks: EquityWatermarks; // store these whatever the verdict
  /** Set when the monitor trips the kill switch: the handler turns it into TripKillSwitch. */
  readonly trip: {
    readonly reason: string;
    readonly flatten: boolean;
    readonly by: string;
    readonly violations: RiskViolation[];
  } | null;
}

/**
 * The drawdown / daily-loss monitor: given the stored watermarks and a new equity, decides by itself
 * whether to trip the kill switch. An account already HALTED is not tripped again.
 */
export function monitorLosses(
  policy: RiskPolicy,
  status: 'ACTIVE' | 'REDUCING' | 'HALTED',
  watermarks: EquityWatermarks | null,
  equity: Dec,
  at: string,
): LossMonitorVerdict {
  const next = trackEquity(watermarks, equity, at);
  const violations = checkLossLimits(policy, next, equity);
  if (violations.length === 0 || status === 'HALTED') return { watermarks: next, trip: null };
  const reason = violations.map((v) => `${v.rule} ${v.value} >= ${v.limit}`).join('; ');
  return {
    watermarks: next,
    trip: { reason, flatten: policy.flattenOnLossBreach, by: 'system:loss-monitor', violations },
  };
}
