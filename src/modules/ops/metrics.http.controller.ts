import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { metricsRegistry } from '../../infrastructure/observability/metrics';
import { Public } from '../auth';
import { ReadinessService } from './readiness.service';

@ApiTags('ops')
@Public()
@Controller()
export class MetricsHttpController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'HTTP latency, events appended, subscription lag and the age of the oldest transaction holding the $all fence.',
  })
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async metrics(): Promise<string> {
    // Gauges that need the database are refreshed at scrape time; without it the rest still answers.
    await Promise.all([this.readiness.refreshFenceMetric().catch(() => undefined), this.readiness.check()]);
    return metricsRegistry.metrics();
  }
}
