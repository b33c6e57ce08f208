export { OpsModule } from './ops.module';
export { ReadinessService, type Readiness } from './readiness.service';
