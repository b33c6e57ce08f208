import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth';
import { ReadinessService, type Readiness } from './readiness.service';

@ApiTags('ops')
@Public()
@Controller()
export class HealthHttpController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('healthz')
  @ApiOperation({
    summary: 'Liveness',
    description: 'Answers 200 while the process serves HTTP; checks nothing else.',
  })
  @ApiOkResponse({ description: '{"status":"ok"}' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOperation({
    summary: 'Readiness',
    description:
      '200 when the database answers and every projection is within READY_MAX_LAG_EVENTS of $all; 503 otherwise, with the details.',
  })
  @ApiOkResponse({ description: 'Ready, with each subscription and its lag' })
  @ApiServiceUnavailableResponse({ description: 'Not ready, with the reason' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.readiness.check();
    if (!readiness.ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
