import type { AccountReconciled } from './account.events';

export interface OpenAccount {
  readonly type: 'OpenAccount';
  readonly accountId: string;
  readonly name: string;
  readonly exchange: string;
  readonly credentialsEnv: string | null;
  readonly initialBalances: { readonly [currency: string]: string };
  readonly by: string;
  readonly at: string;
}

export interface RecordFunding {
  readonly type: 'RecordFunding';
  readonly fundingId: string;
  readonly symbol: string;
  readonly amount: string;
  readonly rate: string;
  readonly at: string;
}

/** The reconciler compared the venue with the projections and repaired what was safe. */
export interface RecordReconciliation {
  readonly type: 'RecordReconciliation';
  readonly result: Omit<AccountReconciled, 'type' | 'accountId'>;
}

export type AccountCommand = OpenAccount | RecordFunding | RecordReconciliation;
