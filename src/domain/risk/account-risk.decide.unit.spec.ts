import { deciderSpec } from '../shared/testing/decider-spec';
import { accountRiskDecider } from './account-risk.decide';
import type { AccountRiskEvent } from './account-risk.events';
import { InvalidRiskInputError, InvalidRiskStateTransitionError } from './risk.errors';
import { UNLIMITED_POLICY } from './risk-policy';

const spec = deciderSpec(accountRiskDecider);
const at = '2025-03-01T12:00:00.000Z';
const who = { accountId: 'acc_1', by: 'key_admin', at };
const trip = {
  type: 'TripKillSwitch',
  ...who,
  reason: 'manual',
  flatten: true,
  openOrderIds: ['ord_1', 'ord_2'],
  positions: [
    { symbol: 'BTC/USDT:USDT', quantity: '1.5' },
    { symbol: 'ETH/USDT:USDT', quantity: '-3' },
    { symbol: 'SOL/USDT:USDT', quantity: '0' },
  ],
} as const;
const tripped: AccountRiskEvent = {
  type: 'KillSwitchTripped',
  ...who,
  reason: 'manual',
  flatten: true,
  previousStatus: 'ACTIVE',
  cancelOrderIds: ['ord_1', 'ord_2'],
  closePositions: [
    { symbol: 'BTC/USDT:USDT', side: 'sell', quantity: '1.5' },
    { symbol: 'ETH/USDT:USDT', side: 'buy', quantity: '3' },
  ],
};
const rearm = { type: 'RearmKillSwitch', ...who, to: 'ACTIVE', reason: 'reviewed' } as const;

describe('account risk decider: kill switch', () => {
  it('trips: halts, cancels every open order and closes every position when flattening', () => {
    spec.given([]).when(trip).then([tripped]);
  });

  it('trips without flatten: cancels only', () => {
    spec
      .given([])
      .when({ ...trip, flatten: false })
      .then([{ ...tripped, flatten: false, closePositions: [] }]);
  });

  it('does not trip again when already halted with nothing new to do', () => {
    spec
      .given([tripped])
      .when({ ...trip, flatten: false, openOrderIds: [] })
      .then([]);
    spec
      .given([tripped])
      .when(trip)
      .then([{ ...tripped, previousStatus: 'HALTED' }]);
  });

  it('re-arms a halted account, and refuses to re-arm one that is not halted', () => {
    spec
      .given([tripped])
      .when(rearm)
      .then([{ type: 'KillSwitchRearmed', ...who, to: 'ACTIVE', reason: 'reviewed' }]);
    spec.given([]).when(rearm).thenThrows(InvalidRiskStateTransitionError, {
      status: 'ACTIVE',
      reason: 'the kill switch is not tripped',
    });
  });

  it('refuses malformed position quantities', () => {
    spec
      .given([])
      .when({ ...trip, positions: [{ symbol: 'X', quantity: 'lots' }] })
      .thenThrows(InvalidRiskInputError, { field: 'positions.X' });
  });
});

describe('account risk decider: mode and policy', () => {
  const reducing = { type: 'SetRiskMode', ...who, mode: 'REDUCING', reason: 'news' } as const;

  it('switches ACTIVE -> REDUCING, and is idempotent', () => {
    const changed: AccountRiskEvent = {
      type: 'AccountRiskModeChanged',
      ...who,
      from: 'ACTIVE',
      to: 'REDUCING',
      reason: 'news',
    };
    spec.given([]).when(reducing).then([changed]);
    spec.given([changed]).when(reducing).then([]);
  });

  it('refuses a mode change while halted', () => {
    spec.given([tripped]).when(reducing).thenThrows(InvalidRiskStateTransitionError, { status: 'HALTED' });
  });

  it('sets a valid policy and refuses a bad one naming the field', () => {
    const policy = { ...UNLIMITED_POLICY, maxOrderNotional: '1000' };
    spec
      .given([])
      .when({ type: 'SetRiskPolicy', ...who, policy })
      .then([{ type: 'RiskPolicySet', ...who, policy }]);
    spec
      .given([])
      .when({
        type: 'SetRiskPolicy',
        ...who,
        policy: { ...policy, maxDrawdownPct: '150', maxOpenOrders: -1 },
      })
      .thenThrows(InvalidRiskInputError, { field: 'maxDrawdownPct' });
  });
});
