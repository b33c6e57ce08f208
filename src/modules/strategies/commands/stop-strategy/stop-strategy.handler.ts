import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidStrategyTransitionError } from '../../../../domain/strategy/lifecycle';
import { StrategyViews } from '../../queries/get-strategy/strategy-views';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';
import { StrategyRuntime } from '../../runtime/strategy-runtime';
import { StrategyJournal } from '../../strategy-journal';
import { StopStrategyCommand } from './stop-strategy.command';

/** Stops the run: onStop, its open orders cancelled, positions closed on request, final snapshot recorded. */
@CommandHandler(StopStrategyCommand)
export class StopStrategyHandler implements ICommandHandler<StopStrategyCommand> {
  constructor(
    private readonly journal: StrategyJournal,
    private readonly runtime: StrategyRuntime,
    private readonly views: StrategyViews,
  ) {}

  async execute({ strategyId, closePositions }: StopStrategyCommand): Promise<StrategyResponseDto> {
    const current = await this.journal.load(strategyId);
    if (current.status !== 'running') {
      throw new InvalidStrategyTransitionError(`cannot stop a strategy that is ${current.status}`, {
        strategyId,
        status: current.status,
        action: 'stop',
      });
    }
    const state = await this.runtime.stop(current, 'requested', closePositions);
    return this.views.of(state);
  }
}
