import { Module } from '@nestjs/common';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditHttpController } from './audit.http.controller';
import { EventExporter } from './export/event-exporter';
import { GetCorrelationHandler } from './queries/get-correlation/get-correlation.handler';
import { GetStreamHandler } from './queries/get-stream/get-stream.handler';
import { ListEventsHandler } from './queries/list-events/list-events.handler';
import { VerifyChainsHandler } from './queries/verify-chains/verify-chains.handler';
import { StreamReplayerRegistry } from './stream-replayer.registry';

/** The audit trail for auditors: search, point-in-time replay, correlation trees, export, verify. */
@Module({
  controllers: [AuditHttpController],
  providers: [
    AuditEventsRepository,
    StreamReplayerRegistry,
    EventExporter,
    ListEventsHandler,
    GetStreamHandler,
    GetCorrelationHandler,
    VerifyChainsHandler,
  ],
  exports: [StreamReplayerRegistry, EventExporter],
})
export class AuditModule {}
