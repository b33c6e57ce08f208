import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import { BacktestAcceptance } from '../../backtest-acceptance';
import { BacktestRunsRepository } from '../../backtest-runs.repository';
import { BacktestRunner } from '../../runner/backtest-runner.service';
import type { AcceptedRun } from '../run-backtest/run-backtest.handler';
import { RunSweepCommand } from './run-sweep.command';

@CommandHandler(RunSweepCommand)
export class RunSweepHandler implements ICommandHandler<RunSweepCommand> {
  constructor(
    private readonly acceptance: BacktestAcceptance,
    private readonly runs: BacktestRunsRepository,
    private readonly runner: BacktestRunner,
  ) {}

  async execute(command: RunSweepCommand): Promise<AcceptedRun> {
    const request = await this.acceptance.sweep(command.request);
    const id = `sw_${randomUUID()}`;
    await this.runs.insert({
      runId: id,
      kind: 'sweep',
      request,
      requestedBy: requestContext.current()?.actor ?? 'system:unknown',
      createdAt: new Date(),
    });
    void this.runner.sweep(id, request);
    return { id, status: 'queued' };
  }
}
