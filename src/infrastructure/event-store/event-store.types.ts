/** Who caused an event and why: the audit trail of every business fact. */
export interface EventMetadata {
  /** One id shared by everything a single request caused. */
  correlationId: string;
  /** The event or command that directly caused this one. */
  causationId: string | null;
  /** An API key id, or `system:<job>` for the service's own work. */
  actor: string;
  requestId: string | null;
  schemaVersion: number;
  [extra: string]: unknown;
}

/** An event about to be appended. Ids and time come from the handler, not the domain. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  data: Data;
  /** The shape version of `data`; upcasters lift older versions on read. Defaults to 1. */
  schemaVersion?: number;
  occurredAt?: Date;
  /** Overrides for the metadata taken from the request context. */
  metadata?: Partial<EventMetadata>;
}

export interface StoredEvent<Type extends string = string, Data = unknown> {
  /** The event's place in $all. */
  position: bigint;
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: bigint;
  eventId: string;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  occurredAt: Date;
}

/** What the writer believes the stream's version to be; checked before any position is drawn. */
export type ExpectedVersion =
  { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'exact'; version: bigint };

export const ExpectedVersion = {
  Any: { kind: 'any' } as ExpectedVersion,
  NoStream: { kind: 'no_stream' } as ExpectedVersion,
  StreamExists: { kind: 'stream_exists' } as ExpectedVersion,
  exactly: (version: bigint | number): ExpectedVersion => ({ kind: 'exact', version: BigInt(version) }),
};

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: bigint;
  /** Positions in $all of the appended events, in stream order. */
  positions: bigint[];
  /** True when these event ids had been appended before: nothing new was written. */
  replayed: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Forwards: the first version to read (default 1). Backwards: the last (default the head). */
  fromVersion?: bigint;
  /** Read up to and including this version (point-in-time replay). */
  toVersion?: bigint;
  maxCount?: number;
}
