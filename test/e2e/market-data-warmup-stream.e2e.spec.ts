import type { Socket } from 'socket.io-client';
import { startApp, type RunningApp } from '../support/app-harness';
import { connectStream } from './sim-app-helpers';

interface Progress {
  status: string;
  progress: { percent: number; callsDone: number; callsTotal: number; symbolsRemaining: string[] };
}
interface Message {
  topic: string;
  seq: number;
  data: Progress;
}

describe('warmup progress on the realtime stream (warmup:{id})', () => {
  let running: RunningApp;
  let socket: Socket;

  beforeAll(async () => {
    running = await startApp({ env: { EXCHANGES: 'sim' } });
    socket = await connectStream(running);
  });
  afterAll(async () => {
    socket.close();
    await running.close();
  });

  it('sends the latest state, then each change, up to done', async () => {
    const started = await running
      .as()
      .post('/v1/warmups')
      .send({
        exchange: 'sim',
        symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
        timeframes: ['1m', '5m'],
        candles: 3000,
      })
      .expect(202);
    const { id } = started.body as { id: string };
    const seen: Progress[] = [];
    const finished = new Promise<void>((resolve) => {
      const take = (m: Message) => {
        if (m.topic !== `warmup:${id}`) return;
        seen.push(m.data);
        if (m.data.status === 'done' || m.data.status === 'failed') resolve();
      };
      socket.on('snapshot', take);
      socket.on('update', take);
    });
    const ack = (await socket.emitWithAck('subscribe', { topics: [`warmup:${id.toUpperCase()}`] })) as {
      accepted: string[];
      errors: Record<string, unknown>;
    };
    expect(ack).toEqual({ accepted: [`warmup:${id}`], errors: {} });
    await finished;

    const last = seen[seen.length - 1] as Progress;
    expect(last.status).toBe('done');
    // 3 symbols x 2 timeframes x 3,000 candles at 1,500 per request = 12 requests.
    expect(last.progress).toMatchObject({
      percent: 100,
      callsDone: 12,
      callsTotal: 12,
      symbolsRemaining: [],
    });
    const percents = seen.map((p) => p.progress.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });

  it('refuses malformed and unknown warmup topics in the ack', async () => {
    const ack = (await socket.emitWithAck('subscribe', {
      topics: ['warmup:nope', 'warmup:6f1c1d3e-8a7b-4c2d-9e0f-123456789abc'],
    })) as { accepted: string[]; errors: Record<string, { code: string }> };
    expect(ack.accepted).toEqual([]);
    expect(ack.errors['warmup:nope']?.code).toBe('INVALID_TOPIC');
    expect(ack.errors['warmup:6f1c1d3e-8a7b-4c2d-9e0f-123456789abc']?.code).toBe('WARMUP_NOT_FOUND');
  });
});
