import type { RunBacktestRequestDto } from './run-backtest.request.dto';

export class RunBacktestCommand {
  constructor(readonly request: RunBacktestRequestDto) {}
}
