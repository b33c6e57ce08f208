// `npm run bench -- fanout`: 100 and 1,000 socket.io clients (WebSocket transport) on one topic fed
// at 50 messages/s; publish-to-receive latency. The topic is a bench-only TopicSource registered
// through TopicSources, stamping each message as it is published, so the figures are the fanout's
// own (no venue in the path). Clients run in two child processes so that their decoding does not
// share the server's event loop; latency compares wall clocks of one machine.
import { fork, type ChildProcess } from 'node:child_process';
import { Module, type OnModuleInit } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';
import { RealtimeModule, TopicManager, TopicSources, type TopicSource } from '../src/modules/realtime';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-databases';
import type { Report } from './bench.types';
import { startBenchApp } from './support/bench-app';
import { percentile } from './support/stats';

const RATE_PER_S = 50;
const WARMUP_MS = 3_000;
const MEASURE_MS = Number(process.env.FANOUT_BENCH_MEASURE_MS ?? 10_000);
const WORKERS = 2;
const TOPIC = 'bench-tick:50';
const CLIENT_COUNTS = (process.env.FANOUT_BENCH_CLIENTS ?? '100,1000').split(',').map(Number);

const wallClock = (): number => performance.timeOrigin + performance.now();

interface Tick {
  n: number;
  sentAt: number;
}

/** Emits {n, sentAt} at 50/s; counts how many upstreams were opened. */
class BenchTickSource implements TopicSource<null, Tick> {
  readonly conflation = 'sequence';
  opened = 0;

  parse(topic: string) {
    return topic === TOPIC
      ? { ok: true as const, topic: { topic, params: null } }
      : { ok: false as const, error: { code: 'INVALID_TOPIC', message: `only ${TOPIC}` } };
  }

  authorize(): boolean {
    return true;
  }

  open(): AsyncIterable<Tick> {
    this.opened += 1;
    return {
      [Symbol.asyncIterator]: () => {
        // Ticks are due on a fixed schedule and stamped with their due time, so a server that falls
        // behind shows it as latency instead of silently sending fewer messages.
        const startedAt = wallClock();
        let n = 0;
        const queue: Tick[] = [];
        let wake: ((result: IteratorResult<Tick>) => void) | undefined;
        const timer = setInterval(
          () => {
            const due = Math.floor(((wallClock() - startedAt) * RATE_PER_S) / 1_000);
            while (n < due) {
              n += 1;
              queue.push({ n, sentAt: startedAt + (n * 1_000) / RATE_PER_S });
            }
            const resolve = wake;
            const tick = queue.shift();
            if (resolve !== undefined && tick !== undefined) {
              wake = undefined;
              resolve({ done: false, value: tick });
            }
          },
          1_000 / RATE_PER_S / 4,
        );
        return {
          next: () => {
            const tick = queue.shift();
            if (tick !== undefined) return Promise.resolve({ done: false, value: tick });
            return new Promise<IteratorResult<Tick>>((resolve) => (wake = resolve));
          },
          return: () => {
            clearInterval(timer);
            wake?.({ done: true, value: undefined });
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
  }
}

const source = new BenchTickSource();

@Module({ imports: [RealtimeModule] })
class BenchTopicsModule implements OnModuleInit {
  constructor(private readonly topics: TopicSources) {}
  onModuleInit(): void {
    this.topics.register('bench-tick', source);
  }
}

// ---- client side (child process) ----

type ToWorker =
  | { type: 'connect'; url: string; apiKey: string; count: number }
  | { type: 'measure'; ms: number }
  | { type: 'exit' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'latencies'; values: number[]; received: number; gaps: number; cpuMs: number }
  | { type: 'failed'; error: string };

const CONNECT_BATCH = 25;

/** Connects as a real client would: a refused handshake (503 under load) is retried after a pause. */
async function connectWithRetry(connect: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await connect();
      return;
    } catch (error: unknown) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}

function clientWorker(): void {
  const sockets: Socket[] = [];
  let recording: number[] | null = null;
  let received = 0;
  let gaps = 0;
  const send = (message: FromWorker) => process.send?.(message);
  process.on('message', (message: ToWorker) => {
    void (async () => {
      if (message.type === 'connect') {
        for (let i = 0; i < message.count; i += CONNECT_BATCH) {
          const batch = Array.from({ length: Math.min(CONNECT_BATCH, message.count - i) }, () =>
            connectWithRetry(async () => {
              const socket = io(message.url, {
                transports: ['websocket'],
                auth: { apiKey: message.apiKey },
                reconnection: false,
                forceNew: true,
                timeout: 120_000,
              });
              socket.on('gap', () => (gaps += 1));
              socket.on('update', (payload: { data: Tick }) => {
                received += 1;
                recording?.push(wallClock() - payload.data.sentAt);
              });
              await new Promise<void>((resolve, reject) => {
                socket.once('connect', resolve);
                socket.once('connect_error', (error) => {
                  socket.close();
                  reject(error);
                });
              });
              const ack = (await socket.timeout(30_000).emitWithAck('subscribe', { topics: [TOPIC] })) as {
                accepted: string[];
              };
              if (!ack.accepted.includes(TOPIC)) throw new Error(`not accepted: ${JSON.stringify(ack)}`);
              sockets.push(socket);
            }),
          );
          await Promise.all(batch);
        }
        send({ type: 'ready' });
      } else if (message.type === 'measure') {
        recording = [];
        received = 0;
        const cpuAtStart = cpuMs();
        await new Promise((resolve) => setTimeout(resolve, message.ms));
        send({ type: 'latencies', values: recording, received, gaps, cpuMs: cpuMs() - cpuAtStart });
        recording = null;
      } else {
        for (const socket of sockets) socket.close();
        process.exit(0);
      }
    })().catch((error: unknown) => send({ type: 'failed', error: String(error) }));
  });
}

// ---- server side (the bench) ----

function request(child: ChildProcess, message: ToWorker, expect: FromWorker['type']): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromWorker) => {
      if (reply.type === 'failed') reject(new Error(reply.error));
      else if (reply.type === expect) {
        child.off('message', onMessage);
        resolve(reply);
      }
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function measure(
  url: string,
  apiKey: string,
  clients: number,
): Promise<{
  latencies: number[];
  expected: number;
  received: number;
  gaps: number;
  busy: number;
  cpuUsPerDelivery: number;
}> {
  const children = Array.from({ length: WORKERS }, () =>
    fork(__filename, [], {
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, FANOUT_CLIENT_WORKER: '1' },
    }),
  );
  try {
    await Promise.all(
      children.map((child, i) =>
        request(
          child,
          {
            type: 'connect',
            url,
            apiKey,
            count: Math.floor(clients / WORKERS) + (i < clients % WORKERS ? 1 : 0),
          },
          'ready',
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const replies = await Promise.all(
      children.map((child) => request(child, { type: 'measure', ms: MEASURE_MS }, 'latencies')),
    );
    const busy = performance.eventLoopUtilization(elu).utilization * 100;
    const used = process.cpuUsage(cpu);
    console.error(
      `fanout: while measured, the server used ${(used.user / 1_000).toFixed(0)} ms user + ${(used.system / 1_000).toFixed(0)} ms system cpu`,
    );
    const latencies: number[] = [];
    let received = 0;
    let gaps = 0;
    for (const reply of replies) {
      if (reply.type !== 'latencies') continue;
      for (const value of reply.values) latencies.push(value);
      received += reply.received;
      gaps += reply.gaps;
      console.error(`fanout: while measured, a client process used ${reply.cpuMs.toFixed(0)} ms cpu`);
    }
    const cpuUsPerDelivery = received === 0 ? Number.NaN : (used.user + used.system) / received;
    return {
      latencies,
      expected: (clients * RATE_PER_S * MEASURE_MS) / 1_000,
      received,
      gaps,
      busy,
      cpuUsPerDelivery,
    };
  } finally {
    for (const child of children) {
      child.send({ type: 'exit' } satisfies ToWorker);
    }
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  }
}

export async function run(report: Report): Promise<void> {
  // With a server database the instance runs as MODE=api (sockets and HTTP, no projections), as an
  // api instance does in production; the embedded database would run its queries on this event loop.
  const databaseUrl = process.env.DATABASE_URL === undefined ? undefined : await createServerDatabase();
  const bench = await startBenchApp(
    {
      SOCKET_CONNECTIONS_PER_KEY: '5000',
      RATE_LIMIT_PER_MIN: '1000000',
      STREAM_UPSTREAM_GRACE_MS: '60000',
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl, MODE: 'api' }),
    },
    [BenchTopicsModule],
  );
  const { app, adminKey } = bench;
  const url = `${bench.baseUrl}/v1/stream`;
  try {
    for (const clients of CLIENT_COUNTS) {
      console.error(`fanout: ${clients} clients, ${RATE_PER_S} messages/s, ${MEASURE_MS} ms`);
      const { latencies, expected, received, gaps, busy, cpuUsPerDelivery } = await measure(
        url,
        adminKey,
        clients,
      );
      console.error(`fanout: ${received} of ${expected} deliveries, ${gaps} gap notices`);
      report(`fanout_${clients}_p50_ms`, percentile(latencies, 50), 'ms');
      report(`fanout_${clients}_p99_ms`, percentile(latencies, 99), 'ms');
      // Context for the latencies: how busy the server's event loop was, and how often clients fell behind.
      report(`fanout_${clients}_server_busy_pct`, busy, '%');
      report(`fanout_${clients}_gap_notices`, gaps, 'count');
      // The fanout's own cost, independent of what else the machine runs: server cpu per message delivered.
      report(`fanout_${clients}_server_cpu_us_per_delivery`, cpuUsPerDelivery, 'us');
    }
    // Two runs, up to 1,000 subscribers: still one upstream, opened once.
    report('fanout_upstreams', Math.max(source.opened, app.get(TopicManager).activeTopics().length), 'count');
  } finally {
    await bench.close();
    if (databaseUrl !== undefined) await dropServerDatabase(databaseUrl);
  }
}

if (process.env.FANOUT_CLIENT_WORKER === '1') clientWorker();
