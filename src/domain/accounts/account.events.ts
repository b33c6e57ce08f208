import type { JsonValue } from '../orders/order.types';

/** An account is one venue account. `credentialsEnv` is the prefix of environment variables, never a secret. */
export interface AccountOpened {
  readonly type: 'AccountOpened';
  readonly accountId: string;
  readonly name: string;
  readonly exchange: string;
  readonly credentialsEnv: string | null;
  readonly initialBalances: { readonly [currency: string]: string };
  readonly by: string;
  readonly at: string;
}

/** Funding the venue paid (> 0) or charged (< 0) on a position: applied once per fundingId. */
export interface FundingRecorded {
  readonly type: 'FundingRecorded';
  readonly accountId: string;
  readonly fundingId: string;
  readonly symbol: string;
  readonly amount: string;
  readonly rate: string;
  readonly at: string;
}

export type DiscrepancyKind =
  | 'order_unknown_to_us'
  | 'order_not_open_at_venue'
  | 'order_status_mismatch'
  | 'position_mismatch'
  | 'balance_mismatch'
  | 'fill_unmatched';

export interface Discrepancy {
  readonly kind: DiscrepancyKind;
  readonly subject: string; // order id, symbol or currency
  readonly ours: string | null;
  readonly venue: string | null;
  readonly message: string;
}

export type RepairKind = 'missed_fill_applied' | 'venue_cancel_applied';

export interface Repair {
  readonly kind: RepairKind;
  readonly subject: string;
  readonly details: { readonly [key: string]: JsonValue };
}

export type ReconciliationTrigger = 'start' | 'reconnect' | 'periodic' | 'manual';

/** The result of comparing the venue's view (open orders, positions, balances, fills) with ours. */
export interface AccountReconciled {
  readonly type: 'AccountReconciled';
  readonly accountId: string;
  readonly trigger: ReconciliationTrigger;
  readonly discrepancies: readonly Discrepancy[];
  readonly repairs: readonly Repair[];
  readonly checked: { readonly openOrders: number; readonly positions: number; readonly fills: number };
  readonly at: string;
}

export type AccountEvent = AccountOpened | FundingRecorded | AccountReconciled;
