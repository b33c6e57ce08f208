import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BacktestRunsRepository } from '../../backtest-runs.repository';
import { BacktestNotFoundError } from '../../backtests.errors';
import { GetBacktestQuery } from './get-backtest.query';
import type { BacktestRunResponseDto } from './get-backtest.response.dto';

@QueryHandler(GetBacktestQuery)
export class GetBacktestHandler implements IQueryHandler<GetBacktestQuery> {
  constructor(private readonly runs: BacktestRunsRepository) {}

  async execute(query: GetBacktestQuery): Promise<BacktestRunResponseDto> {
    const row = await this.runs.get(query.id);
    if (row === undefined) throw new BacktestNotFoundError(`no backtest ${query.id}`, { id: query.id });
    return {
      id: row.run_id,
      kind: row.kind,
      status: row.status,
      request: row.request,
      progress: row.status === 'running' ? row.progress : null,
      result: row.result,
      error: row.error,
      requestedBy: row.requested_by,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
    };
  }
}
