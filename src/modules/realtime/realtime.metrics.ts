import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../../infrastructure/observability/metrics';

/** The fanout's health at /metrics, labelled by topic kind (the prefix: trades, orderbook, ...). */
export const streamUpstreams = new Gauge({
  name: 'tradebook_stream_upstreams',
  help: 'Upstream streams open on this instance (one per active topic), by topic kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const streamSubscribers = new Gauge({
  name: 'tradebook_stream_subscribers',
  help: 'Topic subscriptions held by the sockets of this instance, by topic kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const streamConnections = new Gauge({
  name: 'tradebook_stream_connections',
  help: 'Sockets connected to /v1/stream on this instance',
  registers: [metricsRegistry],
});

export const streamMessagesSent = new Counter({
  name: 'tradebook_stream_messages_sent_total',
  help: 'Topic messages (snapshots and updates) sent to sockets, by topic kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const streamConflated = new Counter({
  name: 'tradebook_stream_conflated_total',
  help: 'Updates a slow socket was not sent because a newer one replaced them (latest-value topics)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const streamGaps = new Counter({
  name: 'tradebook_stream_gaps_total',
  help: 'Gap notices sent (a slow socket missed updates, or the upstream lost continuity), by topic kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const streamSlowClients = new Counter({
  name: 'tradebook_stream_slow_clients_total',
  help: 'Times a socket fell behind (its unsent packets passed STREAM_CLIENT_MAX_BUFFERED)',
  registers: [metricsRegistry],
});
