import type { CommandBus } from '@nestjs/cqrs';
import pino from 'pino';
import type { AppConfig } from '../../../config';
import { UNLIMITED_POLICY, type EquityWatermarks } from '../../../domain/risk';
import { Dec } from '../../../domain/shared/decimal';
import type { SqlPool } from '../../../infrastructure/event-store/sql-client';
import type { PositionsReader, TradingFeed } from '../../accounts';
import type { AccountRiskStore } from '../account-risk.store';
import type { EquityWatermarksRepository } from './equity-watermarks.repository';
import { LossMonitor } from './loss-monitor';

/** The monitor over in-memory stand-ins: an account with a drawdown limit and a settable equity. */
function monitorOf(): {
  check: () => Promise<boolean>;
  setEquity: (e: string) => void;
  saves: EquityWatermarks[];
} {
  let equity = '1000';
  let stored: EquityWatermarks | null = null;
  const saves: EquityWatermarks[] = [];
  const positions = { balances: () => Promise.resolve([{ equity: new Dec(equity) }]) };
  const risk = {
    load: () =>
      Promise.resolve({
        state: { policy: { ...UNLIMITED_POLICY, maxDrawdownPct: '50' }, status: 'ACTIVE' },
        version: 1n,
      }),
  };
  const watermarks = {
    get: () => Promise.resolve(stored),
    save: (_accountId: string, w: EquityWatermarks) => {
      saves.push(w);
      stored = w;
      return Promise.resolve();
    },
  };
  const monitor = new LossMonitor(
    {} as AppConfig,
    {} as SqlPool,
    pino({ level: 'silent' }),
    {} as TradingFeed,
    positions as unknown as PositionsReader,
    risk as unknown as AccountRiskStore,
    watermarks as unknown as EquityWatermarksRepository,
    { execute: () => Promise.resolve() } as unknown as CommandBus,
  );
  return { check: () => monitor.check('acc_1'), setEquity: (e) => (equity = e), saves };
}

describe('LossMonitor watermarks', () => {
  it('writes them when they move (the first look, a new peak), not on every check', async () => {
    const m = monitorOf();
    await m.check(); // nothing stored yet: today's start and peak are 1000
    await m.check(); // the same equity
    m.setEquity('900');
    await m.check(); // lower: neither the day's start nor the peak moves
    expect(m.saves.map((w) => [w.startOfDayEquity, w.peakEquity])).toEqual([['1000', '1000']]);
    m.setEquity('1100');
    await m.check(); // a new peak
    expect(m.saves.map((w) => [w.startOfDayEquity, w.peakEquity])).toEqual([
      ['1000', '1000'],
      ['1000', '1100'],
    ]);
  });
});
