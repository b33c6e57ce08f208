/** The audit module's public contract. */
export { AuditModule } from './audit.module';
export { StreamReplayerRegistry } from './stream-replayer.registry';
export { AuditEventDto, toAuditEventDto } from './audit-event.response.dto';
export {
  EventExporter,
  CSV_HEADER,
  type ExportFormat,
  type ExportOptions,
  type ExportStats,
} from './export/event-exporter';
