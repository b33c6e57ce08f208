import type { EventMetadata, StoredEvent } from './event-store.types';

/** The columns every event read selects, and their mapping to a StoredEvent. */
export const EVENT_COLUMNS = `global_position::text AS position, stream_id, stream_version::text AS stream_version,
  event_id::text AS event_id, event_type, schema_version, data, metadata, occurred_at`;

export interface EventRow {
  position: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: BigInt(row.position),
    streamId: row.stream_id,
    streamVersion: BigInt(row.stream_version),
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
  };
}
