import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountDirectory } from '../../../accounts';
import { PAPER_VENUE_PREFIX } from '../../paper/paper-venue.adapter';
import { StrategyViews } from '../../queries/get-strategy/strategy-views';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';
import { StrategyRuntime } from '../../runtime/strategy-runtime';
import { StrategyUpdates } from '../../runtime/strategy-updates';
import { PaperTradingUnavailableError } from '../../strategies.errors';
import { StrategyJournal } from '../../strategy-journal';
import { StartStrategyCommand } from './start-strategy.command';

/** sim, or a live venue's market with paper matching (`paper<venue>`, e.g. `paperbinanceusdm`). */
function isPaperVenue(exchange: string): boolean {
  return exchange === 'sim' || exchange.startsWith(PAPER_VENUE_PREFIX);
}

/** Records StrategyStarted (the next run), then starts its runner here (MODE=all) or on a worker. */
@CommandHandler(StartStrategyCommand)
export class StartStrategyHandler implements ICommandHandler<StartStrategyCommand> {
  constructor(
    private readonly journal: StrategyJournal,
    private readonly accounts: AccountDirectory,
    private readonly runtime: StrategyRuntime,
    private readonly updates: StrategyUpdates,
    private readonly views: StrategyViews,
  ) {}

  async execute({ strategyId, mode }: StartStrategyCommand): Promise<StrategyResponseDto> {
    const current = await this.journal.load(strategyId);
    const accountId = current.configuration?.accountId ?? '';
    const account = await this.accounts.identity(accountId);
    if (mode === 'paper' && !isPaperVenue(account.exchange)) {
      throw new PaperTradingUnavailableError(
        `paper mode runs on a sim or paper<venue> account; account ${accountId} trades on ${account.exchange}`,
        { accountId, exchange: account.exchange },
      );
    }
    const at = new Date().toISOString();
    const { state } = await this.journal.handle(strategyId, { type: 'StartStrategy', mode, at });
    this.updates.publish({ kind: 'state', strategyId, status: state.status, run: state.run, at });
    await this.runtime.launch(state);
    return this.views.of(state);
  }
}
