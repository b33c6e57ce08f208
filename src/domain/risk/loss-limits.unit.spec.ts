import { Dec } from '../shared/decimal';
import { monitorLosses, trackEquity } from './loss-limits';
import { UNLIMITED_POLICY } from './risk-policy';

const d = (v: string) => new Dec(v);
const policy = { ...UNLIMITED_POLICY, maxDailyLoss: '500', maxDrawdownPct: '10' };

describe('loss monitor', () => {
  it('keeps the peak and restarts the day baseline on a new UTC day', () => {
    let w = trackEquity(null, d('10000'), '2025-03-01T08:00:00Z');
    w = trackEquity(w, d('10800'), '2025-03-01T12:00:00Z');
    w = trackEquity(w, d('10300'), '2025-03-01T23:00:00Z');
    expect(w).toEqual({ day: '2025-03-01', startOfDayEquity: '10000', peakEquity: '10800' });
    expect(trackEquity(w, d('10200'), '2025-03-02T00:00:01Z')).toEqual({
      day: '2025-03-02',
      startOfDayEquity: '10200',
      peakEquity: '10800',
    });
  });

  it('stays quiet within the limits: 10000 - 9600 = 400 < 500', () => {
    const w = { day: '2025-03-01', startOfDayEquity: '10000', peakEquity: '10000' };
    expect(monitorLosses(policy, 'ACTIVE', w, d('9600'), '2025-03-01T12:00:00Z').trip).toBeNull();
  });

  it('trips on the daily loss: 10000 - 9500 = 500 >= 500', () => {
    const w = { day: '2025-03-01', startOfDayEquity: '10000', peakEquity: '10000' };
    const verdict = monitorLosses(policy, 'ACTIVE', w, d('9500'), '2025-03-01T12:00:00Z');
    expect(verdict.trip).toMatchObject({
      by: 'system:loss-monitor',
      flatten: false,
      reason: 'max_daily_loss 500 >= 500',
      violations: [{ rule: 'max_daily_loss', limit: '500', value: '500' }],
    });
  });

  it('trips on the drawdown from the peak: (12000 - 10800) / 12000 * 100 = 10% >= 10%', () => {
    const w = { day: '2025-03-01', startOfDayEquity: '10800', peakEquity: '12000' };
    const verdict = monitorLosses(
      { ...policy, flattenOnLossBreach: true },
      'REDUCING',
      w,
      d('10800'),
      '2025-03-01T12:00:00Z',
    );
    expect(verdict.trip).toMatchObject({
      flatten: true,
      violations: [{ rule: 'max_drawdown_pct', limit: '10', value: '10' }],
    });
  });

  it('does not trip an account that is already halted', () => {
    const w = { day: '2025-03-01', startOfDayEquity: '10000', peakEquity: '10000' };
    expect(monitorLosses(policy, 'HALTED', w, d('9000'), '2025-03-01T12:00:00Z').trip).toBeNull();
  });
});
