import { Injectable } from '@nestjs/common';
import type { TradingSession } from '../../../infrastructure/exchanges/exchange-adapter.port';
import { ExchangeRegistry } from '../../exchanges';
import { AccountDirectory } from '../account-directory';

/** The venue trading session of each account (the adapter keeps one per account id). */
@Injectable()
export class VenueSessions {
  constructor(
    private readonly registry: ExchangeRegistry,
    private readonly accounts: AccountDirectory,
  ) {}

  async forAccount(accountId: string): Promise<TradingSession> {
    const account = await this.accounts.identity(accountId);
    return this.registry.get(account.exchange).trading({
      accountId,
      ...(account.credentialsEnv === null ? {} : { credentialsEnv: account.credentialsEnv }),
      initialBalances: account.initialBalances,
    });
  }
}
