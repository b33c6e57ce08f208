import { DiscoveryService } from '@nestjs/core';

/**
 * Declares a read-model projection: a provider implementing ProjectionHandler. The host runs it as a
 * durable subscription with its checkpoint in the read model's transaction.
 *
 *   @Projection()
 *   @Injectable()
 *   export class OrdersProjection implements ProjectionHandler { ... }
 */
export const Projection = DiscoveryService.createDecorator<void>();

/**
 * Declares a process manager or other reactor: a provider implementing ReactorHandler. It runs
 * at-least-once; the host sets the causation (the event) and correlation on everything it does.
 */
export const ProcessManager = DiscoveryService.createDecorator<void>();
