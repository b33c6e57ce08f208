import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth';
import { StartWarmupCommand } from './commands/start-warmup/start-warmup.command';
import { StartWarmupRequestDto } from './commands/start-warmup/start-warmup.request.dto';
import { GetWarmupQuery } from './queries/get-warmup/get-warmup.query';
import { WarmupResponseDto } from './queries/get-warmup/get-warmup.response.dto';

@ApiTags('market-data')
@Controller('v1/warmups')
export class WarmupsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('trader')
  @ApiOperation({
    summary: 'Warm the candle store',
    description:
      'Scans the store from the largest timeframe to the smallest and schedules only the (symbol, timeframe) ranges it is missing of the latest `candles` closed candles, in the fewest venue requests. Answers the schedule (status planned, or done when nothing is missing) and runs it in the background; follow it at GET /v1/warmups/{id} or on the `warmup:{id}` socket topic. `dryRun` plans without running.',
  })
  @ApiAcceptedResponse({ type: WarmupResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, UNKNOWN_EXCHANGE, BAD_SYMBOL or BAD_TIMEFRAME' })
  start(@Body() dto: StartWarmupRequestDto): Promise<WarmupResponseDto> {
    return this.commands.execute(new StartWarmupCommand(dto));
  }

  @Get(':id')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'A warmup: schedule and progress',
    description:
      'Status planned | running | done | failed (finished with failed items), percent of venue requests made, ETA, symbols remaining, failures. Warmups are held by the instance that runs them, for the last 500.',
  })
  @ApiOkResponse({ type: WarmupResponseDto })
  @ApiNotFoundResponse({ description: 'WARMUP_NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<WarmupResponseDto> {
    return this.queries.execute(new GetWarmupQuery(id));
  }
}
