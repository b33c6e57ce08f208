import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Injectable, Module } from '@nestjs/common';
import request from 'supertest';
import { StoredEventEnvelope } from '../../src/infrastructure/event-store/event-bus-bridge';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import { Database } from '../../src/infrastructure/database/database';
import { closeGracefully } from '../../src/shutdown';
import { startApp, type RunningApp } from '../support/app-harness';
import { ProbeModule, slowProbe } from '../support/probe.module';
import { eventually } from '../support/subscription-fixture';

const busSeen: string[] = [];

@EventsHandler(StoredEventEnvelope)
@Injectable()
class BusProbe implements IEventHandler<StoredEventEnvelope> {
  handle(envelope: StoredEventEnvelope): void {
    busSeen.push(envelope.event.eventId);
  }
}

@Module({ providers: [BusProbe] })
class BusProbeModule {}

describe('the service over HTTP', () => {
  let running: RunningApp;
  const http = () => request(running.baseUrl);

  beforeAll(async () => {
    running = await startApp({ imports: [ProbeModule, BusProbeModule] });
  });
  afterAll(() => running.close());

  describe('ops endpoints', () => {
    it('answers /healthz and /readyz with each subscription and its lag', async () => {
      await http().get('/healthz').expect(200, { status: 'ok' });
      const ready = await http().get('/readyz').expect(200);
      expect(ready.body).toMatchObject({ ready: true, database: true });
      const names = (ready.body as { subscriptions: { name: string }[] }).subscriptions.map((s) => s.name).sort();
      expect(names).toEqual(expect.arrayContaining(['cqrs-event-bus', 'probe-answerer', 'probe-count']));
    });

    it('exposes Prometheus metrics, including appends, lag and the $all fence', async () => {
      await http().post('/probe/streams/metrics-1/events').send({ type: 'Something' }).expect(201);
      const res = await http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.text).toMatch(/tradebook_events_appended_total\{type="Something"\} [1-9]/);
      expect(res.text).toMatch(/tradebook_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
      expect(res.text).toMatch(/tradebook_subscription_lag_events\{subscription="probe-count"\} \d+/);
      expect(res.text).toMatch(/tradebook_oldest_open_transaction_seconds \d/);
    });

    it('serves the OpenAPI document and the docs UI', async () => {
      const doc = await http().get('/openapi.json').expect(200);
      expect(doc.body).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'tradebook' } });
      expect(Object.keys((doc.body as { paths: object }).paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/metrics']));
      const ui = await http().get('/docs').expect(200);
      expect(ui.text).toMatch(/swagger/i);
    });
  });

  describe('errors in one shape', () => {
    it('answers malformed JSON with 400 MALFORMED_JSON and the request id', async () => {
      const res = await http()
        .post('/probe/streams/x/events')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'bad-json-1')
        .send('{"type": ')
        .expect(400);
      expect(res.body).toEqual({
        error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON', details: {} },
        requestId: 'bad-json-1',
      });
    });

    it('answers an invalid body with 400 VALIDATION_FAILED naming each field', async () => {
      const res = await http().post('/probe/streams/x/events').send({ type: 5, extra: true }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const fields = (res.body.error.details.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['extra', 'type']);
      expect(typeof res.body.requestId).toBe('string');
    });

    it('answers an unknown route with 404 in the error shape', async () => {
      const res = await http().get('/no/such/route').expect(404);
      expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' }, requestId: expect.any(String) });
    });

    it('answers the loser of two racing writers with 409 WRONG_EXPECTED_VERSION', async () => {
      const send = () => http().post('/probe/streams/race-1/events').send({ type: 'Raced', expected: 'no_stream' });
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.error).toMatchObject({
        code: 'WRONG_EXPECTED_VERSION',
        details: { streamId: 'race-1', expected: 'no_stream', actual: '1' },
      });
      expect(JSON.stringify(loser.body)).not.toMatch(/at .*\.ts/); // never a stack trace
    });
  });

  describe('events, metadata and subscriptions declared the Nest way', () => {
    it('writes the request id and correlation id into event metadata', async () => {
      await http()
        .post('/probe/streams/meta-1/events')
        .set('X-Request-Id', 'req-meta-1')
        .set('X-Correlation-Id', 'corr-meta-1')
        .send({ type: 'Noted' })
        .expect(201);
      const [event] = await running.app.get(PostgresEventStore).readStream('meta-1');
      expect(event?.metadata).toMatchObject({ requestId: 'req-meta-1', correlationId: 'corr-meta-1', actor: 'anonymous' });
    });

    it('runs @Projection and @ProcessManager providers, and feeds the EventBus from the store', async () => {
      await http().post('/probe/streams/probe-7/events').set('X-Request-Id', 'req-probe-7').send({ type: 'ProbeHappened' }).expect(201);
      await http().post('/probe/streams/probe-7/events').send({ type: 'ProbeHappened' }).expect(201);
      const pool = running.app.get(Database).pool;
      await eventually(
        async () => (await pool.query<{ n: number }>(`SELECT n FROM probe_counts WHERE stream_id = 'probe-7'`).catch(() => ({ rows: [] }))).rows[0]?.n,
        (n) => n === 2,
      );
      const store = running.app.get(PostgresEventStore);
      const answers = await eventually(() => store.readStream('answer-probe-7'), (events) => events.length === 2);
      const causes = await store.readStream('probe-7');
      expect(answers[0]?.metadata).toMatchObject({
        causationId: causes[0]?.eventId,
        requestId: 'req-probe-7',
        actor: 'system:probe-answerer',
      });
      await eventually(() => Promise.resolve(causes.every((c) => busSeen.includes(c.eventId))), (ok) => ok);
    });
  });
});

describe('graceful shutdown', () => {
  it('lets a request in flight finish, then checkpoints and closes', async () => {
    const running = await startApp({ imports: [ProbeModule] });
    const entered = slowProbe.entered;
    const inFlight = request(running.baseUrl).post('/probe/slow').send({});
    const answered = inFlight.then((res) => res.status);
    // Shut down only once the request is in its handler (it then takes 1.5 s to answer).
    await eventually(() => Promise.resolve(slowProbe.entered), (n) => n > entered);
    const closing = closeGracefully(running.app);
    expect(await answered).toBe(201);
    await closing;
    await expect(request(running.baseUrl).get('/healthz')).rejects.toThrow(/ECONNREFUSED/);
    await running.close().catch(() => undefined);
  });
});
