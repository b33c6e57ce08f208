import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { Dec, isDecimalString, toWire } from '../shared/decimal';
import type { AccountRiskCommand, TripKillSwitch } from './account-risk.commands';
import type { AccountRiskEvent, PositionCloseIntent } from './account-risk.events';
import { evolveAccountRisk, initialAccountRiskState, type AccountRiskState } from './account-risk.state';
import { InvalidRiskInputError, InvalidRiskStateTransitionError } from './risk.errors';
import { validateRiskPolicy } from './risk-policy';

function closeIntents(command: TripKillSwitch): PositionCloseIntent[] {
  if (!command.flatten) return [];
  const bad = command.positions.filter((p) => !isDecimalString(p.quantity));
  if (bad.length > 0) {
    throw new InvalidRiskInputError(
      bad.map((p) => ({ field: `positions.${p.symbol}`, message: `${p.quantity} is not a decimal` })),
    );
  }
  return command.positions
    .filter((p) => !new Dec(p.quantity).isZero())
    .map((p) => {
      const quantity = new Dec(p.quantity);
      return {
        symbol: p.symbol,
        side: quantity.isPositive() ? 'sell' : 'buy',
        quantity: toWire(quantity.abs()),
      };
    });
}

export function decideAccountRisk(command: AccountRiskCommand, state: AccountRiskState): AccountRiskEvent[] {
  switch (command.type) {
    case 'SetRiskPolicy':
      validateRiskPolicy(command.policy);
      return [
        {
          type: 'RiskPolicySet',
          accountId: command.accountId,
          policy: command.policy,
          by: command.by,
          at: command.at,
        },
      ];
    case 'SetRiskMode':
      if (state.status === 'HALTED') {
        throw new InvalidRiskStateTransitionError(
          command.accountId,
          state.status,
          command.type,
          're-arm the kill switch first',
        );
      }
      if (state.status === command.mode) return [];
      return [
        {
          type: 'AccountRiskModeChanged',
          accountId: command.accountId,
          from: state.status,
          to: command.mode,
          reason: command.reason,
          by: command.by,
          at: command.at,
        },
      ];
    case 'TripKillSwitch':
      // Tripping again only matters when it now asks to flatten (or finds orders left).
      if (state.status === 'HALTED' && !command.flatten && command.openOrderIds.length === 0) return [];
      return [
        {
          type: 'KillSwitchTripped',
          accountId: command.accountId,
          reason: command.reason,
          flatten: command.flatten,
          by: command.by,
          previousStatus: state.status,
          cancelOrderIds: [...command.openOrderIds],
          closePositions: closeIntents(command),
          at: command.at,
        },
      ];
    case 'RearmKillSwitch':
      if (state.status !== 'HALTED') {
        throw new InvalidRiskStateTransitionError(
          command.accountId,
          state.status,
          command.type,
          'the kill switch is not tripped',
        );
      }
      return [
        {
          type: 'KillSwitchRearmed',
          accountId: command.accountId,
          to: command.to,
          reason: command.reason,
          by: command.by,
          at: command.at,
        },
      ];
    default:
      return assertNever(command);
  }
}

export const accountRiskDecider: Decider<AccountRiskState, AccountRiskCommand, AccountRiskEvent> = {
  initialState: initialAccountRiskState,
  evolve: evolveAccountRisk,
  decide: decideAccountRisk,
};
