import { startApp, type RunningApp } from '../support/app-harness';

/**
 * Bad input never makes a server error: every operation in the OpenAPI document, with malformed
 * bodies, path parameters and query strings, answers a 4xx with the error shape.
 */
/** `{error: {code, message, details}, requestId}` as JSON: what every refusal looks like. */
function hasErrorShape(body: unknown, contentType: string | undefined): boolean {
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  return (
    (contentType ?? '').startsWith('application/json') &&
    typeof e?.code === 'string' &&
    typeof e.message === 'string' &&
    typeof e.details === 'object' &&
    e.details !== null &&
    'requestId' in (body as object)
  );
}

describe('bad input on every operation', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ env: { RATE_LIMIT_PER_MIN: '10000000', RATE_LIMIT_IP_PER_MIN: '10000000' } });
    const account = await running
      .as()
      .post('/v1/accounts')
      .send({ name: 'bad-input', exchange: 'sim', initialBalances: { USDT: '100000' } })
      .expect(201);
    const accountId = (account.body as { id: string }).id;
    const order = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'resting',
        symbol: 'BTC/USDT:USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.001',
        price: '1000',
      })
      .expect(201);
    const webhook = await running
      .as()
      .post('/v1/webhooks')
      .send({
        url: 'http://127.0.0.1:9/hook',
        eventTypes: ['ApiKeyCreated'],
        secret: 'a-long-enough-secret-000',
      })
      .expect(201);
    existing.push(
      accountId,
      (order.body as { orderId: string }).orderId,
      (webhook.body as { id: string }).id,
    );
  });
  afterAll(() => running.close());

  const BODIES: [string, string][] = [
    ['not json', 'this is not json'],
    ['an array', '[1, 2]'],
    ['a string', '"text"'],
    ['null', 'null'],
    ['an empty object', '{}'],
    [
      'wrong types',
      JSON.stringify({
        accountId: 1,
        symbol: ['x'],
        quantity: { n: 1 },
        price: true,
        limit: 'many',
        since: 'yesterday',
        exchange: 42,
        name: {},
        eventTypes: 'all',
        url: 7,
        policy: [],
      }),
    ],
    [
      'absurd numbers',
      // Written out: 1e309 parses to Infinity on the server (JSON.stringify would send null).
      '{"quantity":"1e400","price":"-0","limit":1e309,"since":-1,"maxOrderNotional":"NaN","riskPct":"Infinity"}',
    ],
    [
      'control characters',
      JSON.stringify({ name: 'a\u0000b', symbol: '\u0000', clientOrderId: 'x'.repeat(10_000) }),
    ],
  ];
  const PARAMS = [
    'x',
    '0',
    '-1',
    'x'.repeat(400),
    '%00',
    "'; DROP TABLE events; --",
    '00000000-0000-0000-0000-000000000000',
  ];
  /** Ids that exist, so that validation past the lookup is reached too. */
  const existing: string[] = [];
  const QUERY =
    '?limit=-5&cursor=%%%&status=nope&from=yesterday&to=1e999&since=abc&after=-1&symbol=%00&exchange=zz';

  it('never answers a server error, and every refusal has the error shape', async () => {
    const paths = running.openApi.paths as Record<string, Record<string, unknown>>;
    // Deletes last: they use up the ids that exist (the webhook, the resting order).
    const operations = Object.entries(paths)
      .flatMap(([template, ops]) => Object.keys(ops).map((method) => ({ template, method })))
      .filter(({ method }) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const { template, method } of operations) {
      const params = template.includes('{') ? [...PARAMS, ...existing] : ['(none)'];
      for (const param of params) {
        const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(param));
        for (const target of [path, `${path}${QUERY}`]) {
          const bodies: [string, string | undefined][] =
            method === 'get' || method === 'delete' ? [['none', undefined]] : BODIES;
          for (const [label, body] of bodies) {
            const req = running.as()[method as 'get'](target).set('content-type', 'application/json');
            const res = await (body === undefined ? req : req.send(body));
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const where = `${method.toUpperCase()} ${target} [${label}] -> ${res.status}`;
            if (res.status >= 500) failures.push(`${where} ${JSON.stringify(res.body).slice(0, 200)}`);
            if (res.status >= 400 && !hasErrorShape(res.body, res.headers['content-type']))
              failures.push(`${where} without the error shape`);
            if (label === 'not json' && res.status < 400)
              failures.push(`${where}: unparseable body accepted`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The sweep reached validation (400) and lookups (404), not only the router.
    expect(statuses.get(400)).toBeGreaterThan(1_000);
    expect(statuses.get(404)).toBeGreaterThan(100);
  }, 600_000);
});
