import { Injectable } from '@nestjs/common';
import type { StrategyConfiguration } from '../../../../domain/strategy/lifecycle';
import { AccountDirectory, MarketInfo } from '../../../accounts';
import { InvalidStrategyConfigurationError } from '../../strategies.errors';
import { StrategyDefinitions } from '../../strategy-definitions';
import type { StrategyConfigurationRequestDto } from './strategy-configuration.request.dto';

/**
 * A requested configuration made runnable, or refused with a 400: the params against the
 * strategy's schema (each problem named), the account, every symbol at the account's venue
 * (canonical ccxt form), and a leader for copy-trader.
 */
@Injectable()
export class ConfigurationCheck {
  constructor(
    private readonly definitions: StrategyDefinitions,
    private readonly accounts: AccountDirectory,
    private readonly markets: MarketInfo,
  ) {}

  async check(
    strategy: string,
    dto: StrategyConfigurationRequestDto,
  ): Promise<Omit<StrategyConfiguration, 'version'>> {
    const symbols = [...new Set(dto.symbols)];
    const { params } = this.definitions.create(strategy, dto.params ?? {}, { symbols });
    const account = await this.accounts.identity(dto.accountId);
    const canonical: string[] = [];
    for (const symbol of symbols)
      canonical.push((await this.markets.market(account.exchange, symbol)).symbol);
    const leader = dto.leader?.toLowerCase() ?? null;
    if (strategy === 'copy-trader' && leader === null) {
      throw new InvalidStrategyConfigurationError('copy-trader needs the leader address to follow', {
        problems: [{ path: 'leader', message: 'required for copy-trader' }],
      });
    }
    return {
      strategy,
      params,
      symbols: canonical,
      accountId: dto.accountId,
      timeframe: dto.timeframe ?? '1m',
      leader,
    };
  }
}
