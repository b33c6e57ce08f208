import { deciderSpec } from '../shared/testing/decider-spec';
import type { OpenAccount } from './account.commands';
import { accountDecider } from './account.decide';
import { AccountExistsError, AccountNotFoundError, InvalidAccountError } from './account.errors';
import type { AccountEvent, AccountOpened } from './account.events';

const spec = deciderSpec(accountDecider);
const AT = '2025-03-01T12:00:00.000Z';
const open = (overrides: Partial<OpenAccount> = {}): OpenAccount => ({
  type: 'OpenAccount',
  accountId: 'acc_1',
  name: ' paper ',
  exchange: 'sim',
  credentialsEnv: 'SIM_MAIN',
  initialBalances: { USDT: '10000.50' },
  by: 'key_1',
  at: AT,
  ...overrides,
});
const opened: AccountOpened = {
  type: 'AccountOpened',
  accountId: 'acc_1',
  name: 'paper',
  exchange: 'sim',
  credentialsEnv: 'SIM_MAIN',
  initialBalances: { USDT: '10000.5' },
  by: 'key_1',
  at: AT,
};

describe('account decider', () => {
  it('opens an account with normalised balances', () => {
    spec.given([]).when(open()).then([opened]);
  });

  it('refuses a secret where an environment variable prefix belongs, and bad balances, naming each field', () => {
    spec
      .given([])
      .when(open({ credentialsEnv: 'sk_live_9f8a7b6c5d4e/xyz+', initialBalances: { USDT: '-1', usd: '5' } }))
      .thenThrows(InvalidAccountError, {
        violations: [
          expect.objectContaining({ field: 'credentialsEnv' }),
          expect.objectContaining({ field: 'initialBalances.USDT' }),
          expect.objectContaining({ field: 'initialBalances.usd' }),
        ],
      });
  });

  it('refuses to open the same account twice', () => {
    spec.given([opened]).when(open()).thenThrows(AccountExistsError);
  });

  it('records funding once per funding id', () => {
    const funding = {
      type: 'RecordFunding',
      fundingId: 'BTC@1',
      symbol: 'BTC/USDT:USDT',
      amount: '-0.02',
      rate: '0.0001',
      at: AT,
    } as const;
    const recorded: AccountEvent = {
      type: 'FundingRecorded',
      accountId: 'acc_1',
      fundingId: 'BTC@1',
      symbol: 'BTC/USDT:USDT',
      amount: '-0.02',
      rate: '0.0001',
      at: AT,
    };
    spec.given([opened]).when(funding).then([recorded]);
    spec.given([opened, recorded]).when(funding).then([]);
    spec.given([]).when(funding).thenThrows(AccountNotFoundError);
  });

  it('records a reconciliation result', () => {
    const result = {
      trigger: 'reconnect',
      discrepancies: [],
      repairs: [],
      checked: { openOrders: 0, positions: 0, fills: 1 },
      at: AT,
    } as const;
    spec
      .given([opened])
      .when({ type: 'RecordReconciliation', result })
      .then([{ type: 'AccountReconciled', accountId: 'acc_1', ...result }]);
  });
});
