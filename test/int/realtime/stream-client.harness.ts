import { io, type Socket } from 'socket.io-client';
import type { RunningApp } from '../../support/app-harness';
import type { GapNotice, SubscriptionAck, TopicMessage } from '../../../src/modules/realtime/stream-messages';

export type { GapNotice, SubscriptionAck, TopicMessage };

/** A socket.io client of /v1/stream that records every message it receives, in order. */
export interface StreamProbe {
  socket: Socket;
  received: { event: string; payload: TopicMessage & GapNotice; at: number }[];
  subscribe(topics: unknown): Promise<SubscriptionAck>;
  unsubscribe(topics: unknown): Promise<SubscriptionAck>;
  close(): void;
}

export function streamUrl(baseUrl: string): string {
  return `${baseUrl}/v1/stream`;
}

/** Connects with `apiKey` (default: the admin key); rejects with the connect_error. */
export async function connectProbe(
  app: Pick<RunningApp, 'baseUrl' | 'adminKey'>,
  apiKey?: string | null,
): Promise<StreamProbe> {
  const socket = io(streamUrl(app.baseUrl), {
    transports: ['websocket'],
    auth: apiKey === null ? {} : { apiKey: apiKey ?? app.adminKey },
    reconnection: false,
    forceNew: true,
  });
  const received: StreamProbe['received'] = [];
  socket.onAny((event: string, payload: TopicMessage & GapNotice) =>
    received.push({ event, payload, at: Date.now() }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  const request = (event: string) => (topics: unknown) =>
    socket.timeout(10_000).emitWithAck(event, { topics }) as Promise<SubscriptionAck>;
  return {
    socket,
    received,
    subscribe: request('subscribe'),
    unsubscribe: request('unsubscribe'),
    close: () => socket.close(),
  };
}

/** The handshake error's data (socket.io puts the server's `err.data` on the client's error). */
export async function connectError(
  app: Pick<RunningApp, 'baseUrl' | 'adminKey'>,
  apiKey: string | null,
): Promise<{ status: number; error: { code: string; message: string }; requestId: string }> {
  try {
    const probe = await connectProbe(app, apiKey);
    probe.close();
  } catch (error: unknown) {
    return (
      error as { data: { status: number; error: { code: string; message: string }; requestId: string } }
    ).data;
  }
  throw new Error('the connection was accepted');
}

export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The messages of one topic as [event, seq] in order of receipt. */
export function sequenceOf(probe: StreamProbe, topic: string): [string, number][] {
  return probe.received
    .filter((r) => r.payload?.topic === topic && (r.event === 'snapshot' || r.event === 'update'))
    .map((r) => [r.event, r.payload.seq]);
}

/** One sample of a Prometheus text exposition, e.g. metricValue(text, 'tradebook_stream_upstreams', {kind: 'orderbook'}). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const [series, value] = line.split(' ');
    if (series === undefined || value === undefined) continue;
    const bare = series.split('{')[0];
    if (bare !== name) continue;
    if (wanted.every((w) => series.includes(w))) return Number(value);
  }
  return 0;
}
