/** The server-to-client events of /v1/stream (docs/asyncapi.yaml is their contract). */
export const StreamEvents = {
  snapshot: 'snapshot',
  update: 'update',
  gap: 'gap',
  error: 'stream_error',
} as const;

/** A snapshot or an update of one topic. `seq` counts the topic's updates on this instance. */
export interface TopicMessage {
  topic: string;
  seq: number;
  /** When the server published it (ms since the epoch). */
  time: number;
  data: unknown;
}

/**
 * Updates of a sequence topic that a socket was not sent. `slow_consumer`: the socket could not keep
 * up, it missed updates fromSeq..toSeq (`missed` of them). `upstream`: the venue stream broke and was
 * reopened after update `afterSeq`; what happened meanwhile is unknown (missed, fromSeq, toSeq null).
 */
export interface GapNotice {
  topic: string;
  reason: 'slow_consumer' | 'upstream';
  missed: number | null;
  fromSeq: number | null;
  toSeq: number | null;
  afterSeq?: number;
}

/** The ack of `subscribe` and `unsubscribe`. */
export interface SubscriptionAck {
  accepted: string[];
  errors: Record<string, { code: string; message: string; details?: Record<string, unknown> }>;
  /** Present when the request itself was malformed (then nothing was accepted). */
  error?: { code: string; message: string; details: Record<string, unknown> };
}
