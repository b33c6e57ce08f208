import { assertNever } from '../shared/decider';
import type { AccountEvent } from './account.events';

export interface AccountState {
  readonly opened: boolean;
  readonly accountId: string;
  readonly name: string;
  readonly exchange: string;
  readonly credentialsEnv: string | null;
  readonly initialBalances: { readonly [currency: string]: string };
  readonly openedBy: string;
  readonly openedAt: string;
  readonly fundingIds: ReadonlySet<string>;
  readonly reconciliations: number;
}

export function initialAccountState(): AccountState {
  return {
    opened: false,
    accountId: '',
    name: '',
    exchange: '',
    credentialsEnv: null,
    initialBalances: {},
    openedBy: '',
    openedAt: '',
    fundingIds: new Set(),
    reconciliations: 0,
  };
}

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountOpened':
      return {
        ...state,
        opened: true,
        accountId: event.accountId,
        name: event.name,
        exchange: event.exchange,
        credentialsEnv: event.credentialsEnv,
        initialBalances: event.initialBalances,
        openedBy: event.by,
        openedAt: event.at,
      };
    case 'FundingRecorded':
      return { ...state, fundingIds: new Set(state.fundingIds).add(event.fundingId) };
    case 'AccountReconciled':
      return { ...state, reconciliations: state.reconciliations + 1 };
    default:
      return assertNever(event);
  }
}
