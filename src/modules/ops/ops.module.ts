import { Module } from '@nestjs/common';
import { HealthHttpController } from './health.http.controller';
import { MetricsHttpController } from './metrics.http.controller';
import { ReadinessService } from './readiness.service';

/** Operations endpoints: /healthz, /readyz, /metrics. */
@Module({
  controllers: [HealthHttpController, MetricsHttpController],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class OpsModule {}
