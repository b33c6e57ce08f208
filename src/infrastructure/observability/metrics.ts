import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry for the process; every metric the service exposes at /metrics is declared here. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'tradebook_' });

export const httpRequestDuration = new Histogram({
  name: 'tradebook_http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const eventsAppended = new Counter({
  name: 'tradebook_events_appended_total',
  help: 'Events appended to the event store, by event type',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

export const appendConflicts = new Counter({
  name: 'tradebook_append_conflicts_total',
  help: 'Appends refused with WrongExpectedVersion',
  registers: [metricsRegistry],
});

export const subscriptionLag = new Gauge({
  name: 'tradebook_subscription_lag_events',
  help: 'Committed events in $all that a subscription has not processed yet',
  labelNames: ['subscription'] as const,
  registers: [metricsRegistry],
});

export const subscriptionPosition = new Gauge({
  name: 'tradebook_subscription_position',
  help: 'Last $all position a subscription processed',
  labelNames: ['subscription'] as const,
  registers: [metricsRegistry],
});

export const oldestOpenTransactionSeconds = new Gauge({
  name: 'tradebook_oldest_open_transaction_seconds',
  help: 'Age of the oldest open transaction holding an xid: it holds back the $all fence for every reader',
  registers: [metricsRegistry],
});
