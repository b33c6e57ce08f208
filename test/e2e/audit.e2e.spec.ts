import { Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database } from '../../src/infrastructure/database/database';
import { ExpectedVersion, type StoredEvent } from '../../src/infrastructure/event-store/event-store.types';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import { ProcessManager } from '../../src/infrastructure/event-store/subscription.decorators';
import type { ReactorHandler } from '../../src/infrastructure/event-store/subscription.types';
import { startApp, type RunningApp } from '../support/app-harness';
import { eventually } from '../support/subscription-fixture';

/** Reacts to each new key, so that one request's consequences form a causation tree. */
@ProcessManager()
@Injectable()
class KeyWelcomer implements ReactorHandler {
  readonly name = 'key-welcomer';
  readonly eventTypes = ['ApiKeyCreated'];
  constructor(private readonly store: PostgresEventStore) {}

  async handle(event: StoredEvent): Promise<void> {
    await this.store.append(
      `welcome-${event.streamId}`,
      [{ eventId: randomUUID(), type: 'KeyWelcomed', data: {} }],
      ExpectedVersion.Any,
    );
  }
}

@Module({ providers: [KeyWelcomer] })
class KeyWelcomerModule {}

describe('the audit API', () => {
  let running: RunningApp;
  let auditor: string;
  let adminKeyId: string;

  beforeAll(async () => {
    running = await startApp({ imports: [KeyWelcomerModule] });
    const res = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'auditor', role: 'auditor' })
      .expect(201);
    auditor = (res.body as { key: string }).key;
    const list = await running.as().get('/v1/api-keys').expect(200);
    adminKeyId =
      (list.body as { id: string; origin: string }[]).find((k) => k.origin === 'bootstrap')?.id ?? '';
  });
  afterAll(() => running.close());

  it('records actor, request id and correlation id, and shows what the request caused as a tree', async () => {
    const created = await running
      .as()
      .post('/v1/api-keys')
      .set('X-Request-Id', 'req-audit-1')
      .set('X-Correlation-Id', 'corr-audit-1')
      .send({ name: 'traced', role: 'viewer' })
      .expect(201);
    const keyId = (created.body as { id: string }).id;
    const tree = await eventually(
      async () =>
        (await running.as(auditor).get('/v1/audit/correlations/corr-audit-1')).body as {
          eventCount: number;
          tree: {
            event: { type: string; eventId: string; metadata: Record<string, unknown> };
            children: { event: { type: string; metadata: Record<string, unknown> } }[];
          }[];
        },
      (body) => body.eventCount === 2,
    );
    expect(tree.tree).toHaveLength(1);
    const root = tree.tree[0];
    expect(root?.event.type).toBe('ApiKeyCreated');
    expect(root?.event.metadata).toMatchObject({
      actor: adminKeyId,
      requestId: 'req-audit-1',
      correlationId: 'corr-audit-1',
    });
    expect(root?.children.map((c) => c.event.type)).toEqual(['KeyWelcomed']);
    expect(root?.children[0]?.event.metadata).toMatchObject({
      causationId: root?.event.eventId,
      actor: 'system:key-welcomer',
      requestId: 'req-audit-1',
    });
    const byActor = await running
      .as(auditor)
      .get(`/v1/audit/events?actor=${adminKeyId}&type=ApiKeyCreated`)
      .expect(200);
    expect(
      (byActor.body as { events: { data: { keyId: string } }[] }).events.map((e) => e.data.keyId),
    ).toContain(keyId);
  });

  it('pages with a cursor and filters by stream, correlation and time', async () => {
    const all: string[] = [];
    let after: string | null = '0';
    while (after !== null) {
      const res = await running.as(auditor).get(`/v1/audit/events?limit=2&after=${after}`).expect(200);
      const body = res.body as { events: { position: string }[]; nextCursor: string | null };
      all.push(...body.events.map((e) => e.position));
      after = body.nextCursor;
    }
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all).size).toBe(all.length);
    const future = await running.as(auditor).get('/v1/audit/events?from=2999-01-01T00:00:00Z').expect(200);
    expect(future.body.events).toEqual([]);
    const byCorrelation = await running
      .as(auditor)
      .get('/v1/audit/events?correlationId=corr-audit-1')
      .expect(200);
    expect(byCorrelation.body.events).toHaveLength(2);
  });

  it('replays a stream to a version or a time, with the state', async () => {
    const res = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'to revoke', role: 'trader' })
      .expect(201);
    const keyId = (res.body as { id: string }).id;
    const createdAt = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await running.as().delete(`/v1/api-keys/${keyId}`).expect(204);
    const now = await running.as(auditor).get(`/v1/audit/streams/api-key-${keyId}`).expect(200);
    expect(now.body).toMatchObject({
      version: '2',
      replayer: 'api-key',
      state: { status: 'revoked', role: 'trader' },
    });
    const v1 = await running.as(auditor).get(`/v1/audit/streams/api-key-${keyId}?version=1`).expect(200);
    expect(v1.body).toMatchObject({ version: '1', state: { status: 'active' } });
    expect(v1.body.events).toHaveLength(1);
    const atCreation = await running
      .as(auditor)
      .get(`/v1/audit/streams/api-key-${keyId}?at=${createdAt}`)
      .expect(200);
    expect(atCreation.body.state).toMatchObject({ status: 'active' });
    const unknown = await running.as(auditor).get(`/v1/audit/streams/welcome-api-key-${keyId}`);
    expect([200, 404]).toContain(unknown.status);
    await running.as(auditor).get('/v1/audit/streams/nothing-here').expect(404);
  });

  it('answers bad parameters with 400 in the error shape', async () => {
    for (const query of [
      'events?limit=0',
      'events?after=-1',
      'events?from=yesterday',
      'events?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z',
      'export?format=xml',
      'streams/x?version=0',
      'streams/x?version=1&at=2020-01-01T00:00:00Z',
    ]) {
      const res = await running.as(auditor).get(`/v1/audit/${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
        requestId: expect.any(String),
      });
    }
  });

  it('exports as JSON lines and CSV', async () => {
    const jsonl = await running.as(auditor).get('/v1/audit/export?format=jsonl').expect(200);
    expect(jsonl.headers['content-type']).toMatch(/ndjson/);
    const lines = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; metadata: { actor: string } });
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.map((l) => l.type)).toContain('ApiKeyCreated');
    const csv = await running
      .as(auditor)
      .get('/v1/audit/export?format=csv&from=2000-01-01T00:00:00Z')
      .expect(200);
    const rows = csv.text.trim().split('\n');
    expect(rows[0]).toMatch(/^position,stream_id,/);
    expect(rows).toHaveLength(lines.length + 1);
  });

  it('verifies the chains and finds tampering, naming the stream and version', async () => {
    const ok = await running.as(auditor).get('/v1/audit/verify').expect(200);
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
    const res = await running.as().post('/v1/api-keys').send({ name: 'victim', role: 'viewer' }).expect(201);
    const stream = `api-key-${(res.body as { id: string }).id}`;
    const pool = running.app.get(Database).pool;
    // A superuser can bypass the append-only trigger; the chain still tells.
    await pool.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await pool.query(`UPDATE events SET data = jsonb_set(data, '{role}', '"admin"') WHERE stream_id = $1`, [
      stream,
    ]);
    await pool.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    const broken = await running.as(auditor).get('/v1/audit/verify').expect(200);
    expect(broken.body).toMatchObject({
      ok: false,
      firstBroken: { streamId: stream, version: '1', reason: 'hash_mismatch' },
    });
    const one = await running.as(auditor).get(`/v1/audit/verify?stream=${stream}`).expect(200);
    expect(one.body.firstBroken).toMatchObject({ streamId: stream });
  });
});
