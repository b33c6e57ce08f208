import request from 'supertest';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import { agentFor, startApp, type RunningApp } from '../support/app-harness';

describe('API keys and the access guard', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  const issue = async (role: string, name = `${role} key`) => {
    const res = await running
      .as()
      .post('/v1/api-keys')
      .set('X-Request-Id', `issue-${name}`)
      .send({ name, role })
      .expect(201);
    return res.body as { id: string; key: string; prefix: string; role: string };
  };

  it('issues a key shown once, lists keys without the key or its hash, and records the fact with the actor', async () => {
    const created = await issue('viewer', 'dashboards');
    expect(created.key).toMatch(/^tb_[a-z0-9]+_[A-Za-z0-9_-]+$/);
    const list = await running.as().get('/v1/api-keys').expect(200);
    const listed = (list.body as { id: string }[]).find((k) => k.id === created.id);
    expect(listed).toMatchObject({
      name: 'dashboards',
      role: 'viewer',
      prefix: created.prefix,
      revokedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    expect(Object.keys(listed ?? {})).not.toContain('hash');

    const [event] = await running.app.get(PostgresEventStore).readStream(`api-key-${created.id}`);
    expect(event?.type).toBe('ApiKeyCreated');
    expect(JSON.stringify(event?.data)).not.toContain(created.key.split('_')[2]);
    const admin = (list.body as { id: string; origin: string }[]).find((k) => k.origin === 'bootstrap');
    expect(event?.metadata).toMatchObject({ actor: admin?.id, requestId: 'issue-dashboards' });
  });

  it('answers 401 without a key or with a wrong one, 403 for a role without the right, and accepts Bearer', async () => {
    const viewer = await issue('viewer');
    const noKey = await running.as(null).get('/v1/api-keys').expect(401);
    expect(noKey.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' }, requestId: expect.any(String) });
    await running.as('tb_nosuchprefix_aaaaaaaaaaaaaaaaaaaaaaaa').get('/v1/api-keys').expect(401);
    await running.as(`${viewer.key}x`).get('/v1/api-keys').expect(401);
    const forbidden = await running
      .as(viewer.key)
      .post('/v1/api-keys')
      .send({ name: 'x', role: 'admin' })
      .expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    await request(running.baseUrl)
      .get('/v1/api-keys')
      .set('Authorization', `Bearer ${running.adminKey}`)
      .expect(200);
  });

  it('refuses a revoked key at once', async () => {
    const trader = await issue('trader');
    await running.as(trader.key).get('/v1/api-keys').expect(403); // authenticated, not admin
    await running.as().delete(`/v1/api-keys/${trader.id}`).expect(204);
    await running.as(trader.key).get('/v1/api-keys').expect(401);
    await running.as().delete(`/v1/api-keys/${trader.id}`).expect(409);
    await running.as().delete('/v1/api-keys/key_unknown').expect(404);
    const events = await running.app.get(PostgresEventStore).readStream(`api-key-${trader.id}`);
    expect(events.map((e) => e.type)).toEqual(['ApiKeyCreated', 'ApiKeyRevoked']);
  });

  it('keeps ops endpoints public', async () => {
    await request(running.baseUrl).get('/healthz').expect(200);
    await request(running.baseUrl).get('/metrics').expect(200);
    await request(running.baseUrl).get('/openapi.json').expect(200);
  });
});

describe('revocation across instances', () => {
  // Two instances need a shared server; the embedded database belongs to one process, so there the
  // second "instance" is the first one again.
  it('a key revoked through one instance is refused by another at once', async () => {
    const first = await startApp();
    const second =
      first.databaseUrl === undefined
        ? first
        : await startApp({ sharedDatabaseUrl: first.databaseUrl, env: { ADMIN_API_KEY: first.adminKey } });
    try {
      const res = await first.as().post('/v1/api-keys').send({ name: 'shared', role: 'admin' }).expect(201);
      const key = (res.body as { key: string; id: string }).key;
      await agentFor(second.baseUrl, key).get('/v1/api-keys').expect(200);
      await first
        .as()
        .delete(`/v1/api-keys/${(res.body as { id: string }).id}`)
        .expect(204);
      await agentFor(second.baseUrl, key).get('/v1/api-keys').expect(401);
    } finally {
      if (second !== first) await second.close();
      await first.close();
    }
  });
});

/**
 * The limiter counts in fixed one-minute windows (src/domain/access/rate-window.ts): a burst that
 * straddles a boundary is split over two windows, so the bursts below start well inside one.
 */
async function awayFromMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
}

describe('rate limits', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      env: { RATE_LIMIT_PER_MIN: '1000', RATE_LIMIT_VIEWER_PER_MIN: '20', RATE_LIMIT_IP_PER_MIN: '1000' },
    });
  });
  afterAll(() => running.close());

  it('answers a burst past the per-role limit with 429, Retry-After and the error shape, never a 5xx', async () => {
    const res = await running.as().post('/v1/api-keys').send({ name: 'burst', role: 'viewer' }).expect(201);
    const viewer = (res.body as { key: string }).key;
    await awayFromMinuteBoundary();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => running.as(viewer).get('/v1/api-keys')),
    );
    const codes = statuses.map((r) => r.status);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.filter((c) => c === 403)).toHaveLength(20);
    const limited = statuses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(20);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.body).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { scope: 'key', limitPerMinute: 20 } },
      requestId: expect.any(String),
    });
    // The admin key has its own budget.
    await running.as().get('/v1/api-keys').expect(200);
  });
});

// Its own app, started after the previous one closed: two embedded databases in one process at once
// contend for the one PGlite runtime.
describe('the per-IP rate limit', () => {
  it('limits per IP, even without a key', async () => {
    const small = await startApp({ env: { RATE_LIMIT_IP_PER_MIN: '5' } });
    try {
      const codes = [];
      await awayFromMinuteBoundary();
      for (let i = 0; i < 8; i++) codes.push((await small.as(null).get('/v1/api-keys')).status);
      expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      await request(small.baseUrl).get('/healthz').expect(200); // public routes are not limited
    } finally {
      await small.close();
    }
  });
});
