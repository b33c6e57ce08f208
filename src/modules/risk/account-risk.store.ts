import { Injectable } from '@nestjs/common';
import { accountRiskDecider, type AccountRiskCommand, type AccountRiskState } from '../../domain/risk';
import { AggregateRepository } from '../../infrastructure/event-store/aggregate-repository';
import { RefreshAheadCache } from '../../infrastructure/concurrency/refresh-ahead-cache';

export const ACCOUNT_RISK_STREAM_PREFIX = 'account-risk-';

export function accountRiskStreamId(accountId: string): string {
  return `${ACCOUNT_RISK_STREAM_PREFIX}${accountId}`;
}

export interface LoadedRisk {
  state: AccountRiskState;
  /** The stream's version: the policy's version number on the API. */
  version: bigint;
}

/**
 * How long a placement may reuse an account's risk state read from another placement. Changes made
 * through this instance (policy, mode, kill switch) invalidate it at once; another instance's change
 * is seen within this time, and the execution process manager re-reads the state before it sends an
 * order to the venue (a halted account sends nothing that adds risk).
 */
export const RISK_STATE_REUSE_MS = 250;
/** From this age the state is re-read in the background, so placements do not wait at each expiry. */
const RISK_STATE_REFRESH_AFTER_MS = 150;

/** An account's risk state, read from its stream (never from a lagging projection: orders decide on it). */
@Injectable()
export class AccountRiskStore {
  private readonly recent = new RefreshAheadCache<string, LoadedRisk>((id) => this.load(id), {
    maxAgeMs: RISK_STATE_REUSE_MS,
    refreshAfterMs: RISK_STATE_REFRESH_AFTER_MS,
  });

  constructor(private readonly aggregates: AggregateRepository) {}

  /** The state as of now: always read from the stream (commands, the loss monitor, the API). */
  async load(accountId: string): Promise<LoadedRisk> {
    const { state, version } = await this.aggregates.load(accountRiskStreamId(accountId), accountRiskDecider);
    return { state, version };
  }

  /** The state for a placement: a read started at most RISK_STATE_REUSE_MS ago, shared by concurrent placements. */
  forPlacement(accountId: string): Promise<LoadedRisk> {
    return this.recent.get(accountId);
  }

  /**
   * Runs a command on the account's risk stream (retrying on a version conflict): every write goes
   * through here, so the next placement reads the new state rather than a reused one.
   */
  async handle(accountId: string, command: AccountRiskCommand, retries = 3): Promise<LoadedRisk> {
    const { state, version } = await this.aggregates.handle(
      accountRiskStreamId(accountId),
      accountRiskDecider,
      command,
      { retries },
    );
    this.recent.invalidate(accountId);
    return { state, version };
  }
}
