import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import { BacktestAcceptance } from '../../backtest-acceptance';
import { BacktestRunsRepository } from '../../backtest-runs.repository';
import { BacktestRunner } from '../../runner/backtest-runner.service';
import { RunBacktestCommand } from './run-backtest.command';

export interface AcceptedRun {
  readonly id: string;
  readonly status: 'queued';
}

@CommandHandler(RunBacktestCommand)
export class RunBacktestHandler implements ICommandHandler<RunBacktestCommand> {
  constructor(
    private readonly acceptance: BacktestAcceptance,
    private readonly runs: BacktestRunsRepository,
    private readonly runner: BacktestRunner,
  ) {}

  async execute(command: RunBacktestCommand): Promise<AcceptedRun> {
    const request = await this.acceptance.backtest(command.request);
    const id = `bt_${randomUUID()}`;
    await this.runs.insert({
      runId: id,
      kind: 'backtest',
      request,
      requestedBy: requestContext.current()?.actor ?? 'system:unknown',
      createdAt: new Date(),
    });
    void this.runner.backtest(id, request); // records its own failure; the client polls GET
    return { id, status: 'queued' };
  }
}
