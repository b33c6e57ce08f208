import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { CatalogEntry } from '../../domain/strategy';
import { Roles } from '../auth';
import { ReconfigureStrategyCommand } from './commands/reconfigure-strategy/reconfigure-strategy.command';
import { RegisterStrategyCommand } from './commands/register-strategy/register-strategy.command';
import { RegisterStrategyRequestDto } from './commands/register-strategy/register-strategy.request.dto';
import { StrategyConfigurationRequestDto } from './commands/register-strategy/strategy-configuration.request.dto';
import { StartStrategyCommand } from './commands/start-strategy/start-strategy.command';
import { StartStrategyRequestDto } from './commands/start-strategy/start-strategy.request.dto';
import { StopStrategyCommand } from './commands/stop-strategy/stop-strategy.command';
import { StopStrategyRequestDto } from './commands/stop-strategy/stop-strategy.request.dto';
import { GetStrategyQuery } from './queries/get-strategy/get-strategy.query';
import { StrategyResponseDto } from './queries/get-strategy/strategy.response.dto';
import { ListStrategiesQuery } from './queries/list-strategies/list-strategies.query';
import { ListStrategiesRequestDto } from './queries/list-strategies/list-strategies.request.dto';
import { StrategyEventsRequestDto } from './queries/strategy-events/strategy-events.request.dto';
import { StrategyRunEventsQuery } from './queries/strategy-events/strategy-run-events.query';
import { StrategyDefinitions } from './strategy-definitions';

@ApiTags('strategies')
@Controller('v1/strategies')
export class StrategiesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly definitions: StrategyDefinitions,
  ) {}

  @Get('catalog')
  @Roles('trader', 'viewer')
  @ApiOperation({
    summary: 'Strategy catalogue',
    description:
      'The strategies this service can run: id, description and the JSON schema of their parameters (with defaults).',
  })
  @ApiOkResponse({ description: '[{id, description, paramsSchema}]' })
  catalog(): CatalogEntry[] {
    return this.definitions.catalog();
  }

  @Post()
  @Roles('trader')
  @ApiOperation({
    summary: 'Register a strategy',
    description:
      'Records StrategyRegistered with configuration version 1. The params are validated against the schema (400 INVALID_STRATEGY_PARAMS listing each problem), the account must exist and every symbol must trade on its venue; copy-trader needs `leader`.',
  })
  @ApiCreatedResponse({ type: StrategyResponseDto })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED, INVALID_STRATEGY_PARAMS, INVALID_STRATEGY_CONFIGURATION, UNKNOWN_ACCOUNT, BAD_SYMBOL',
  })
  @ApiNotFoundResponse({ description: 'UNKNOWN_STRATEGY: no such catalogue id' })
  register(@Body() dto: RegisterStrategyRequestDto): Promise<StrategyResponseDto> {
    return this.commands.execute(new RegisterStrategyCommand(dto));
  }

  @Get()
  @Roles('trader', 'viewer')
  @ApiOperation({ summary: 'List strategies', description: 'Newest first, filtered by status or account.' })
  @ApiOkResponse({ type: StrategyResponseDto, isArray: true })
  list(@Query() q: ListStrategiesRequestDto): Promise<StrategyResponseDto[]> {
    return this.queries.execute(new ListStrategiesQuery(q));
  }

  @Get(':id')
  @Roles('trader', 'viewer')
  @ApiOperation({
    summary: 'A strategy with its runtime state',
    description:
      "Status, run, mode, configuration and the runtime: while running, the strategy's live table (oi-momentum: per symbol state, mark, price move %, OI value, OI move %, next funding and countdown), positions and open orders; once stopped, the final snapshot.",
  })
  @ApiOkResponse({ type: StrategyResponseDto })
  @ApiNotFoundResponse({ description: 'STRATEGY_NOT_FOUND' })
  get(@Param('id') id: string): Promise<StrategyResponseDto> {
    return this.queries.execute(new GetStrategyQuery(id));
  }

  @Put(':id')
  @Roles('trader')
  @ApiOperation({
    summary: 'Reconfigure a strategy',
    description:
      'A new configuration version (params, symbols, account, timeframe, leader), validated as on create. Only while not running.',
  })
  @ApiOkResponse({ type: StrategyResponseDto })
  @ApiNotFoundResponse({ description: 'STRATEGY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_STRATEGY_TRANSITION: running' })
  reconfigure(
    @Param('id') id: string,
    @Body() dto: StrategyConfigurationRequestDto,
  ): Promise<StrategyResponseDto> {
    return this.commands.execute(new ReconfigureStrategyCommand(id, dto));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({
    summary: 'Start a run',
    description:
      "Records StrategyStarted (the next run) and starts the runner: confirmed candles, tickers, its own fills and a 1 Hz timer feed the strategy; its intents go through orders and risk. paper needs a sim or paper<venue> account; live trades on the account's venue.",
  })
  @ApiOkResponse({ type: StrategyResponseDto })
  @ApiNotFoundResponse({ description: 'STRATEGY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_STRATEGY_TRANSITION: running already' })
  @ApiUnprocessableEntityResponse({ description: 'PAPER_TRADING_UNAVAILABLE: paper on a live-venue account' })
  start(@Param('id') id: string, @Body() dto: StartStrategyRequestDto): Promise<StrategyResponseDto> {
    return this.commands.execute(new StartStrategyCommand(id, dto.mode));
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({
    summary: 'Stop the run',
    description:
      "Runs onStop, cancels the run's open orders, closes its positions when closePositions is true, and records StrategyStopped with the final snapshot.",
  })
  @ApiOkResponse({ type: StrategyResponseDto })
  @ApiNotFoundResponse({ description: 'STRATEGY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_STRATEGY_TRANSITION: not running' })
  stop(@Param('id') id: string, @Body() dto: StopStrategyRequestDto): Promise<StrategyResponseDto> {
    return this.commands.execute(new StopStrategyCommand(id, dto.closePositions ?? false));
  }

  @Get(':id/events')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: "One run's events",
    description:
      'The events of one run (default the current or last), in stream order, as JSON (`{run, events}`) or JSON lines (format=jsonl, one stored event per line, the audit export shape).',
  })
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOkResponse({ description: '{run, events} or one event per line' })
  @ApiNotFoundResponse({ description: 'STRATEGY_NOT_FOUND' })
  async events(
    @Param('id') id: string,
    @Query() q: StrategyEventsRequestDto,
    @Res() res: Response,
  ): Promise<void> {
    const { run, events } = await this.queries.execute(new StrategyRunEventsQuery(id, q.run));
    if (q.format === 'jsonl') {
      res.status(200);
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${id}-run-${run}.jsonl"`);
      res.end(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
      return;
    }
    res.status(200).json({ run, events });
  }
}
