import { evolveAccountRisk, type AccountRiskEvent, type AccountRiskState } from '../../../domain/risk';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import { KnownStates } from '../../../infrastructure/event-store/known-states';
import { AccountRiskStore, accountRiskStreamId } from '../../risk';

export const ACCOUNT_RISK_EVENT_TYPES: readonly AccountRiskEvent['type'][] = [
  'RiskPolicySet',
  'AccountRiskModeChanged',
  'KillSwitchTripped',
  'KillSwitchRearmed',
];

const KNOWN_ACCOUNTS = 10_000;

/**
 * Each account's risk state as of the event the execution process manager is handling: read once,
 * then moved on by the account's risk events, which reach the process manager in $all order with the
 * orders. So when it handles an OrderAccepted, every halt recorded before that order is known, on
 * whichever instance it was made, without a read per order. A halt recorded later is the kill switch's
 * to act on: it cancels the orders that are open by then.
 */
export class RiskAsHandled {
  private readonly known = new KnownStates<AccountRiskState>(KNOWN_ACCOUNTS);

  constructor(private readonly store: AccountRiskStore) {}

  apply(stored: StoredEvent): void {
    this.known.apply(
      stored.streamId,
      stored.data as AccountRiskEvent,
      stored.streamVersion,
      evolveAccountRisk,
    );
  }

  async state(accountId: string): Promise<AccountRiskState> {
    const streamId = accountRiskStreamId(accountId);
    const known = this.known.atLeast(streamId, 0n);
    if (known !== undefined) return known.state;
    const loaded = await this.store.load(accountId);
    this.known.remember(streamId, loaded);
    return loaded.state;
  }
}
