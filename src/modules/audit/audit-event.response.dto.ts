import { ApiProperty } from '@nestjs/swagger';
import type { StoredEvent } from '../../infrastructure/event-store/event-store.types';

export class EventMetadataDto {
  @ApiProperty({ description: 'Shared by everything one request caused.' }) correlationId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The event (or request) that directly caused this one.',
  })
  causationId!: string | null;
  @ApiProperty({ description: 'An API key id, or system:<job>.' }) actor!: string;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty() schemaVersion!: number;
}

/** One stored event as the audit API shows it: positions and versions as strings (64-bit). */
export class AuditEventDto {
  @ApiProperty({ example: '1042', description: 'Place in $all; also the pagination cursor.' })
  position!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ example: '3' }) streamVersion!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'ApiKeyCreated' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({ type: EventMetadataDto }) metadata!: EventMetadataDto;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export function toAuditEventDto(e: StoredEvent): AuditEventDto {
  return {
    position: e.position.toString(),
    streamId: e.streamId,
    streamVersion: e.streamVersion.toString(),
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: {
      ...e.metadata,
      correlationId: e.metadata.correlationId,
      causationId: e.metadata.causationId,
      actor: e.metadata.actor,
      requestId: e.metadata.requestId,
      schemaVersion: e.metadata.schemaVersion,
    },
    occurredAt: e.occurredAt.toISOString(),
  };
}
