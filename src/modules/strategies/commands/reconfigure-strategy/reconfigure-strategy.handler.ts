import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidStrategyTransitionError } from '../../../../domain/strategy/lifecycle';
import { StrategyViews } from '../../queries/get-strategy/strategy-views';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';
import { StrategyJournal } from '../../strategy-journal';
import { ConfigurationCheck } from '../register-strategy/configuration-check';
import { ReconfigureStrategyCommand } from './reconfigure-strategy.command';

/** A new configuration version (only while not running: 409 otherwise); the next start uses it. */
@CommandHandler(ReconfigureStrategyCommand)
export class ReconfigureStrategyHandler implements ICommandHandler<ReconfigureStrategyCommand> {
  constructor(
    private readonly check: ConfigurationCheck,
    private readonly journal: StrategyJournal,
    private readonly views: StrategyViews,
  ) {}

  async execute({ strategyId, request }: ReconfigureStrategyCommand): Promise<StrategyResponseDto> {
    const current = await this.journal.load(strategyId);
    if (current.status === 'running') {
      throw new InvalidStrategyTransitionError('stop the strategy before changing its configuration', {
        strategyId,
        status: current.status,
        action: 'reconfigure',
      });
    }
    const configuration = await this.check.check(current.configuration?.strategy ?? '', request);
    const { state } = await this.journal.handle(strategyId, {
      type: 'ReconfigureStrategy',
      configuration,
      at: new Date().toISOString(),
    });
    return this.views.of(state);
  }
}
