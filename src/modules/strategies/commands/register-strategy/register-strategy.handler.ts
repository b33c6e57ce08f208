import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StrategyJournal } from '../../strategy-journal';
import { StrategyViews } from '../../queries/get-strategy/strategy-views';
import type { StrategyResponseDto } from '../../queries/get-strategy/strategy.response.dto';
import { ConfigurationCheck } from './configuration-check';
import { RegisterStrategyCommand } from './register-strategy.command';

@CommandHandler(RegisterStrategyCommand)
export class RegisterStrategyHandler implements ICommandHandler<RegisterStrategyCommand> {
  constructor(
    private readonly check: ConfigurationCheck,
    private readonly journal: StrategyJournal,
    private readonly views: StrategyViews,
  ) {}

  async execute({ request }: RegisterStrategyCommand): Promise<StrategyResponseDto> {
    const configuration = await this.check.check(request.strategy, request);
    const strategyId = `stg_${randomBytes(6).toString('hex')}`;
    const { state } = await this.journal.handle(strategyId, {
      type: 'RegisterStrategy',
      strategyId,
      name: request.name,
      configuration,
      at: new Date().toISOString(),
    });
    return this.views.of(state);
  }
}
