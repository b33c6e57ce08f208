import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { Dec, isDecimalString, toWire } from '../shared/decimal';
import type { AccountCommand, OpenAccount } from './account.commands';
import {
  AccountExistsError,
  AccountNotFoundError,
  InvalidAccountError,
  type AccountFieldViolation,
} from './account.errors';
import type { AccountEvent } from './account.events';
import { evolveAccount, initialAccountState, type AccountState } from './account.state';

export const ACCOUNT_STREAM_PREFIX = 'account-';

export function accountStreamId(accountId: string): string {
  return `${ACCOUNT_STREAM_PREFIX}${accountId}`;
}

/** An environment variable prefix such as BINANCE_MAIN: letters, digits and underscores only. */
const ENV_PREFIX = /^[A-Z][A-Z0-9_]{0,63}$/;
const CURRENCY = /^[A-Z0-9]{1,16}$/;

function validateOpen(command: OpenAccount): void {
  const v: AccountFieldViolation[] = [];
  if (command.name.trim() === '' || command.name.length > 100)
    v.push({ field: 'name', message: 'must be 1-100 characters' });
  if (command.exchange.trim() === '') v.push({ field: 'exchange', message: 'is required' });
  if (command.credentialsEnv !== null && !ENV_PREFIX.test(command.credentialsEnv)) {
    v.push({
      field: 'credentialsEnv',
      message: 'must be an environment variable prefix (A-Z, 0-9, _), never a secret',
    });
  }
  for (const [currency, amount] of Object.entries(command.initialBalances)) {
    if (!CURRENCY.test(currency))
      v.push({ field: `initialBalances.${currency}`, message: 'bad currency code' });
    else if (!isDecimalString(amount) || new Dec(amount).isNegative())
      v.push({ field: `initialBalances.${currency}`, message: 'must be a non-negative decimal string' });
  }
  if (v.length > 0) throw new InvalidAccountError(v);
}

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'OpenAccount':
      if (state.opened) throw new AccountExistsError(command.accountId);
      validateOpen(command);
      return [
        {
          type: 'AccountOpened',
          accountId: command.accountId,
          name: command.name.trim(),
          exchange: command.exchange,
          credentialsEnv: command.credentialsEnv,
          initialBalances: Object.fromEntries(
            Object.entries(command.initialBalances).map(([c, a]) => [c, toWire(new Dec(a))]),
          ),
          by: command.by,
          at: command.at,
        },
      ];
    case 'RecordFunding':
      if (!state.opened) throw new AccountNotFoundError(state.accountId);
      if (state.fundingIds.has(command.fundingId)) return [];
      return [
        {
          type: 'FundingRecorded',
          accountId: state.accountId,
          fundingId: command.fundingId,
          symbol: command.symbol,
          amount: command.amount,
          rate: command.rate,
          at: command.at,
        },
      ];
    case 'RecordReconciliation':
      if (!state.opened) throw new AccountNotFoundError(state.accountId);
      return [{ type: 'AccountReconciled', accountId: state.accountId, ...command.result }];
    default:
      return assertNever(command);
  }
}

export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideAccount,
};
