import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiKeyStreamId } from '../../src/domain/access/api-key-format';
import { webhookStreamId } from '../../src/domain/webhooks';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import { SubscriptionsHost } from '../../src/infrastructure/event-store/subscriptions-host';
import { WebhookEndpointsRepository } from '../../src/modules/webhooks/webhook-endpoints.repository';
import { startApp, type RunningApp } from '../support/app-harness';
import { eventually } from '../support/subscription-fixture';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers with whatever status `answer` says, and keeps every request. */
async function receiver(
  answer: (n: number) => number,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answer(received.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

/** The verification docs/webhooks.md shows receivers. */
function verify(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['x-tradebook-timestamp']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  const given = String(r.headers['x-tradebook-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  eventType: string;
  log: { statusCode: number | null }[];
}

describe('webhooks', () => {
  let running: RunningApp;
  const secret = 'whsec-test-0123456789abcdef';

  beforeAll(async () => {
    running = await startApp({
      env: { WEBHOOK_BACKOFF_BASE_MS: '20', WEBHOOK_BACKOFF_MAX_MS: '200', WEBHOOK_MAX_ATTEMPTS: '4' },
    });
  });
  afterAll(() => running.close());

  const deliveriesOf = async (webhookId: string): Promise<Delivery[]> =>
    (await running.as().get(`/v1/webhooks/${webhookId}/deliveries`).expect(200)).body as Delivery[];

  it('retries a failing receiver with backoff until it recovers, signed, and logs every attempt', async () => {
    const flaky = await receiver((n) => (n <= 2 ? 500 : 200));
    try {
      const res = await running
        .as()
        .post('/v1/webhooks')
        .send({ url: flaky.url, eventTypes: ['ApiKeyCreated'], secret })
        .expect(201);
      const webhook = res.body as { id: string };
      expect(JSON.stringify(res.body)).not.toContain(secret);
      await running.as().post('/v1/api-keys').send({ name: 'hooked', role: 'viewer' }).expect(201);

      const [delivery] = await eventually(
        () => deliveriesOf(webhook.id),
        (d) => d[0]?.status === 'delivered',
      );
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, eventType: 'ApiKeyCreated' });
      expect(delivery?.log.map((a) => a.statusCode)).toEqual([500, 500, 200]);
      expect(flaky.received).toHaveLength(3);
      for (const r of flaky.received) expect(verify(secret, r)).toBe(true);
      expect(verify('another-secret-000000', flaky.received[0] as Received)).toBe(false);
      const body = JSON.parse(flaky.received[2]?.body ?? '{}') as {
        event: { type: string; data: { name: string } };
        attempt: number;
      };
      expect(body).toMatchObject({ attempt: 3, event: { type: 'ApiKeyCreated', data: { name: 'hooked' } } });

      const list = await running.as().get('/v1/webhooks').expect(200);
      expect(JSON.stringify(list.body)).not.toContain(secret);
      const exported = await running.as().get('/v1/audit/export').expect(200);
      expect(exported.text).toContain('WebhookRegistered');
      expect(exported.text).not.toContain(secret);
    } finally {
      flaky.server.close();
    }
  });

  it('dead-letters after WEBHOOK_MAX_ATTEMPTS, and a manual redelivery sends it again', async () => {
    let healthy = false;
    const down = await receiver(() => (healthy ? 204 : 503));
    try {
      const res = await running
        .as()
        .post('/v1/webhooks')
        .send({ url: down.url, eventTypes: ['ApiKeyRevoked'], secret })
        .expect(201);
      const webhookId = (res.body as { id: string }).id;
      const key = await running
        .as()
        .post('/v1/api-keys')
        .send({ name: 'short-lived', role: 'viewer' })
        .expect(201);
      await running
        .as()
        .delete(`/v1/api-keys/${(key.body as { id: string }).id}`)
        .expect(204);

      const [dead] = await eventually(
        () => deliveriesOf(webhookId),
        (d) => d[0]?.status === 'dead',
      );
      expect(dead).toMatchObject({ status: 'dead', attempts: 4 });
      expect(dead?.log.map((a) => a.statusCode)).toEqual([503, 503, 503, 503]);
      const deadOnly = await running.as().get(`/v1/webhooks/${webhookId}/deliveries?status=dead`).expect(200);
      expect(deadOnly.body).toHaveLength(1);

      healthy = true;
      await running
        .as()
        .post(`/v1/webhooks/${webhookId}/deliveries/${dead?.id ?? ''}/redeliver`)
        .expect(202);
      const [redelivered] = await eventually(
        () => deliveriesOf(webhookId),
        (d) => d[0]?.status === 'delivered',
      );
      expect(redelivered).toMatchObject({ attempts: 1 });
      expect(redelivered?.log.map((a) => a.statusCode)).toEqual([503, 503, 503, 503, 204]);
      await running
        .as()
        .post(`/v1/webhooks/${webhookId}/deliveries/00000000-0000-0000-0000-000000000000/redeliver`)
        .expect(404);

      await running.as().delete(`/v1/webhooks/${webhookId}`).expect(204);
      await running.as().delete(`/v1/webhooks/${webhookId}`).expect(404);
      const stream = await running.as().get(`/v1/audit/streams/webhook-${webhookId}`).expect(200);
      expect(stream.body).toMatchObject({
        replayer: 'webhook',
        state: { status: 'removed', redeliveries: 1 },
      });
    } finally {
      down.server.close();
    }
  });

  it('delivers every subscribed event that comes after the registration in the history, even one written while the registration was under way', async () => {
    // The registration is held between its two writes (its event, then the endpoint's row) while
    // an event it subscribes to is written.
    const endpoints = running.app.get(WebhookEndpointsRepository);
    const insert = endpoints.insert.bind(endpoints);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const reachedInsert = new Promise<void>((resolve) => (holding = resolve));
    endpoints.insert = async (...args) => {
      holding();
      await held;
      return insert(...args);
    };
    const hook = await receiver(() => 200);
    try {
      const registered = running
        .as()
        .post('/v1/webhooks')
        .send({ url: hook.url, eventTypes: ['ApiKeyCreated'], secret })
        .then((res) => res);
      await reachedInsert;
      // Old way (row after the event, in its own transaction): the key is written and projected
      // while the endpoint has no row, and no delivery is made for it. Now the registration holds
      // the event store's append order until its row is in, so the key's event is written after.
      const keyPosted = running
        .as()
        .post('/v1/api-keys')
        .send({ name: 'meanwhile', role: 'viewer' })
        .then((res) => res);
      const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
      const keyFirst = await Promise.race([keyPosted.then(() => true), sleep(1_500).then(() => false)]);
      const store = running.app.get(PostgresEventStore);
      const host = running.app.get(SubscriptionsHost);
      const projected = () => host.statuses().find((st) => st.name === 'webhook-deliveries')?.position ?? 0n;
      if (keyFirst) {
        const early = (await keyPosted).body as { id: string };
        const earlyEvent = (await store.readStream(apiKeyStreamId(early.id)))[0];
        for (
          const deadline = Date.now() + 2_000;
          projected() < (earlyEvent?.position ?? 0n) && Date.now() < deadline;
        )
          await sleep(20);
      }
      release();
      const key = await keyPosted;
      expect(key.status).toBe(201);
      const keyId = (key.body as { id: string }).id;
      const keyEvent = (await store.readStream(apiKeyStreamId(keyId)))[0];
      if (keyEvent === undefined) throw new Error('no ApiKeyCreated event');
      const webhookId = ((await registered).body as { id: string }).id;

      const all = await store.readAll({ after: 0n, maxCount: 100_000 });
      const order = (id: string) => all.findIndex((e) => e.eventId === id);
      const registration = (await store.readStream(webhookStreamId(webhookId)))[0];
      if (registration === undefined) throw new Error('no WebhookRegistered event');
      const after = await running
        .as()
        .post('/v1/api-keys')
        .send({ name: 'after', role: 'viewer' })
        .expect(201);
      // The key written meanwhile comes after the registration in $all, and so is delivered.
      expect(order(keyEvent.eventId)).toBeGreaterThan(order(registration.eventId));
      // Once the delivery projection has passed the last key, exactly the two keys were enqueued.
      const afterEvent = (await store.readStream(apiKeyStreamId((after.body as { id: string }).id)))[0];
      await eventually(
        () => Promise.resolve(projected()),
        (position) => position >= (afterEvent?.position ?? 1n << 62n),
      );
      expect(await deliveriesOf(webhookId)).toHaveLength(2);
      const delivered = await eventually(
        () => deliveriesOf(webhookId),
        (d) => d.filter((x) => x.status === 'delivered').length === 2,
      );
      expect(delivered.map((d) => d.eventType)).toEqual(['ApiKeyCreated', 'ApiKeyCreated']);
      const sentKeys = hook.received.map(
        (r) => (JSON.parse(r.body) as { event: { streamId: string } }).event.streamId,
      );
      expect(sentKeys.sort()).toEqual(
        [apiKeyStreamId(keyId), apiKeyStreamId((after.body as { id: string }).id)].sort(),
      );
    } finally {
      endpoints.insert = insert;
      release();
      hook.server.close();
    }
  });

  it('refuses invalid registrations with 400', async () => {
    await running
      .as()
      .post('/v1/webhooks')
      .send({ url: 'ftp://x', eventTypes: ['A'], secret })
      .expect(400);
    await running
      .as()
      .post('/v1/webhooks')
      .send({ url: 'http://127.0.0.1:1/x', eventTypes: [], secret })
      .expect(400);
    await running
      .as()
      .post('/v1/webhooks')
      .send({ url: 'http://127.0.0.1:1/x', eventTypes: ['A'], secret: 'short' })
      .expect(400);
  });
});
