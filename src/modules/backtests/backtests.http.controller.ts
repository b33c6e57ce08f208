import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth';
import { RunBacktestCommand } from './commands/run-backtest/run-backtest.command';
import type { AcceptedRun } from './commands/run-backtest/run-backtest.handler';
import { RunBacktestRequestDto } from './commands/run-backtest/run-backtest.request.dto';
import { RunSweepCommand } from './commands/run-sweep/run-sweep.command';
import { RunSweepRequestDto } from './commands/run-sweep/run-sweep.request.dto';
import { BacktestReportQuery } from './queries/backtest-report/backtest-report.query';
import { GetBacktestQuery } from './queries/get-backtest/get-backtest.query';
import { BacktestRunResponseDto } from './queries/get-backtest/get-backtest.response.dto';

const BAD_REQUEST =
  'VALIDATION_FAILED (body shape), INVALID_STRATEGY_PARAMS, INVALID_BACKTEST_REQUEST (range, grid), UNKNOWN_EXCHANGE or BAD_SYMBOL';

@ApiTags('backtests')
@Controller('v1/backtests')
export class BacktestsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('trader')
  @ApiOperation({
    summary: 'Run a backtest',
    description:
      'Checks the strategy, its parameters, the exchange, the symbol and the range, answers 202 with the run id, then loads the candles through the exchange adapter and runs the strategy with the matching engine in a worker thread. Fees, slippage and funding are on by default. Poll GET /v1/backtests/{id}.',
  })
  @ApiAcceptedResponse({ description: '{id, status: "queued"}' })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  @ApiNotFoundResponse({ description: 'UNKNOWN_STRATEGY' })
  run(@Body() dto: RunBacktestRequestDto): Promise<AcceptedRun> {
    return this.commands.execute(new RunBacktestCommand(dto));
  }

  @Post('sweeps')
  @HttpCode(202)
  @Roles('trader')
  @ApiOperation({
    summary: 'Run a parameter sweep',
    description:
      'Runs every combination of the grid (over the base params) on a pool of worker threads and ranks them by the chosen metric; with walkForward, also picks the best combination on each training part and reports it on the window that follows. Poll GET /v1/backtests/{id}.',
  })
  @ApiAcceptedResponse({ description: '{id, status: "queued"}' })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  @ApiNotFoundResponse({ description: 'UNKNOWN_STRATEGY' })
  sweep(@Body() dto: RunSweepRequestDto): Promise<AcceptedRun> {
    return this.commands.execute(new RunSweepCommand(dto));
  }

  @Get(':id')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'A backtest or sweep',
    description:
      'Its status; when completed, the metrics, equity curve, trades, assumptions and result hash (a sweep: the ranking).',
  })
  @ApiOkResponse({ type: BacktestRunResponseDto })
  @ApiNotFoundResponse({ description: 'BACKTEST_NOT_FOUND' })
  get(@Param('id') id: string): Promise<BacktestRunResponseDto> {
    return this.queries.execute(new GetBacktestQuery(id));
  }

  @Get(':id/report')
  @Roles('trader', 'viewer', 'auditor')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'A backtest report (HTML)',
    description:
      'Metrics, assumptions, equity and drawdown charts (inline SVG) and the trades table; no external assets.',
  })
  @ApiOkResponse({ description: 'text/html' })
  @ApiNotFoundResponse({ description: 'BACKTEST_NOT_FOUND' })
  @ApiConflictResponse({ description: 'BACKTEST_NOT_COMPLETED' })
  report(@Param('id') id: string): Promise<string> {
    return this.queries.execute(new BacktestReportQuery(id));
  }
}
