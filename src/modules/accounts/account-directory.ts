import { Inject, Injectable } from '@nestjs/common';
import {
  AccountNotFoundError,
  UnknownAccountError,
  accountDecider,
  accountStreamId,
} from '../../domain/accounts';
import { AggregateRepository } from '../../infrastructure/event-store/aggregate-repository';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';

export interface AccountRecord {
  accountId: string;
  name: string;
  exchange: string;
  credentialsEnv: string | null;
  initialBalances: Record<string, string>;
  createdBy: string;
  createdAt: string;
  riskStatus: 'ACTIVE' | 'REDUCING' | 'HALTED';
  haltReason: string | null;
}

interface AccountRow {
  account_id: string;
  name: string;
  exchange: string;
  credentials_env: string | null;
  initial_balances: Record<string, string>;
  created_by: string;
  created_at: Date;
  risk_status: AccountRecord['riskStatus'];
  halt_reason: string | null;
}

function toRecord(r: AccountRow): AccountRecord {
  return {
    accountId: r.account_id,
    name: r.name,
    exchange: r.exchange,
    credentialsEnv: r.credentials_env,
    initialBalances: r.initial_balances,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    riskStatus: r.risk_status,
    haltReason: r.halt_reason,
  };
}

const COLUMNS =
  'account_id, name, exchange, credentials_env, initial_balances, created_by, created_at, risk_status, halt_reason';

/**
 * Accounts as the projection has them. An account's identity never changes once opened, so the
 * identity part is cached per process (risk status is not: callers that decide on it read the stream).
 */
@Injectable()
export class AccountDirectory {
  private readonly identities = new Map<string, AccountRecord>();

  constructor(
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    private readonly aggregates: AggregateRepository,
  ) {}

  async find(accountId: string): Promise<AccountRecord | undefined> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT ${COLUMNS} FROM trading_accounts WHERE account_id = $1`,
      [accountId],
    );
    const row = rows[0];
    if (row === undefined) return this.fromStream(accountId);
    const record = toRecord(row);
    this.identities.set(accountId, record);
    return record;
  }

  /** Just opened, the projection not there yet: the stream is the truth. */
  private async fromStream(accountId: string): Promise<AccountRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId)) return undefined;
    const { state } = await this.aggregates.load(accountStreamId(accountId), accountDecider);
    if (!state.opened) return undefined;
    return {
      accountId,
      name: state.name,
      exchange: state.exchange,
      credentialsEnv: state.credentialsEnv,
      initialBalances: { ...state.initialBalances },
      createdBy: state.openedBy,
      createdAt: state.openedAt,
      riskStatus: 'ACTIVE',
      haltReason: null,
    };
  }

  /** 404 when it does not exist (the account is the resource of the request). */
  async get(accountId: string): Promise<AccountRecord> {
    const record = await this.find(accountId);
    if (record === undefined) throw new AccountNotFoundError(accountId);
    return record;
  }

  /** The account's identity (name, exchange, credentials prefix): cached, 400 when unknown. */
  async identity(accountId: string): Promise<AccountRecord> {
    const cached = this.identities.get(accountId);
    if (cached !== undefined) return cached;
    const record = await this.find(accountId);
    if (record === undefined) throw new UnknownAccountError(accountId);
    return record;
  }

  /** Remembers an account opened by this process before its projection row exists. */
  remember(record: AccountRecord): void {
    this.identities.set(record.accountId, record);
  }

  async list(limit: number): Promise<AccountRecord[]> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT ${COLUMNS} FROM trading_accounts ORDER BY created_at, account_id LIMIT $1`,
      [limit],
    );
    return rows.map(toRecord);
  }

  async allIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ account_id: string }>(
      'SELECT account_id FROM trading_accounts ORDER BY account_id',
    );
    return rows.map((r) => r.account_id);
  }
}
