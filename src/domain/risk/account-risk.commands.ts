import type { RiskPolicy } from './risk-policy';

/** Commands on an account's risk stream. `by` is the actor (API key id or `system:<job>`). */
export interface SetRiskPolicy {
  readonly type: 'SetRiskPolicy';
  readonly accountId: string;
  readonly policy: RiskPolicy;
  readonly by: string;
  readonly at: string;
}

export interface SetRiskMode {
  readonly type: 'SetRiskMode';
  readonly accountId: string;
  readonly mode: 'ACTIVE' | 'REDUCING';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** The handler passes in what is open right now: the decider turns it into intents. */
export interface TripKillSwitch {
  readonly type: 'TripKillSwitch';
  readonly accountId: string;
  readonly reason: string;
  readonly flatten: boolean;
  readonly by: string;
  readonly openOrderIds: readonly string[];
  readonly positions: readonly { readonly symbol: string; readonly quantity: string }[];
  readonly at: string;
}

/** Admin-only at the edge; refused here unless the account is HALTED. */
export interface RearmKillSwitch {
  readonly type: 'RearmKillSwitch';
  readonly accountId: string;
  readonly to: 'ACTIVE' | 'REDUCING';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type AccountRiskCommand = SetRiskPolicy | SetRiskMode | TripKillSwitch | RearmKillSwitch;
