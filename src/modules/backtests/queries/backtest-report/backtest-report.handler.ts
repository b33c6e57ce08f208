import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BacktestRunsRepository } from '../../backtest-runs.repository';
import { BacktestNotCompletedError, BacktestNotFoundError } from '../../backtests.errors';
import type { BacktestResultView } from '../../runner/backtest-result.view';
import { BacktestReportQuery } from './backtest-report.query';
import { renderBacktestReport } from './backtest-report.html';

@QueryHandler(BacktestReportQuery)
export class BacktestReportHandler implements IQueryHandler<BacktestReportQuery> {
  constructor(private readonly runs: BacktestRunsRepository) {}

  async execute(query: BacktestReportQuery): Promise<string> {
    const row = await this.runs.get(query.id);
    if (row === undefined || row.kind !== 'backtest') {
      throw new BacktestNotFoundError(`no backtest ${query.id}`, { id: query.id });
    }
    if (row.status !== 'completed' || row.result === null) {
      throw new BacktestNotCompletedError(
        `backtest ${query.id} is ${row.status}: the report needs a completed run`,
        {
          id: query.id,
          status: row.status,
        },
      );
    }
    return renderBacktestReport(row.run_id, row.request, row.result as unknown as BacktestResultView);
  }
}
