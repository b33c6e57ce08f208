import { startApp, type RunningApp } from '../support/app-harness';

type Caller = 'admin' | 'trader' | 'viewer' | 'auditor' | 'none';
const CALLERS: Caller[] = ['admin', 'trader', 'viewer', 'auditor', 'none'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every operation of the OpenAPI document, called by each role and without a key. An operation must
 * declare x-roles (a route without @Roles/@Public fails here, and is refused by the guard anyway).
 */
describe('role matrix over every documented route', () => {
  let running: RunningApp;
  const keys = new Map<Caller, string | null>();

  beforeAll(async () => {
    running = await startApp();
    keys.set('admin', running.adminKey);
    keys.set('none', null);
    for (const role of ['trader', 'viewer', 'auditor'] as const) {
      const res = await running
        .as()
        .post('/v1/api-keys')
        .send({ name: `matrix ${role}`, role })
        .expect(201);
      keys.set(role, (res.body as { key: string }).key);
    }
  });
  afterAll(() => running.close());

  it('answers 401 / 403 / neither exactly as each operation declares', async () => {
    const operations = Object.entries(running.openApi.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m] !== undefined).map((method) => ({
        path,
        method,
        roles: (item[method] as unknown as Record<string, unknown>)['x-roles'] as string[] | undefined,
      })),
    );
    expect(operations.length).toBeGreaterThan(10);
    const undeclared = operations.filter((o) => !Array.isArray(o.roles)).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);

    const mismatches: string[] = [];
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, 'matrix-unknown');
      for (const caller of CALLERS) {
        const roles = op.roles ?? [];
        const res = await running
          .as(keys.get(caller) ?? null)
          [op.method](url)
          .send({});
        const expected = roles.includes('public')
          ? 'open'
          : caller === 'none'
            ? 401
            : roles.includes(caller)
              ? 'open'
              : 403;
        const got = res.status === 401 || res.status === 403 ? res.status : 'open';
        if (got !== expected || res.status >= 500) {
          mismatches.push(
            `${op.method.toUpperCase()} ${op.path} as ${caller}: ${res.status}, expected ${expected}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('documents the security requirement and the roles on every guarded operation', () => {
    for (const item of Object.values(running.openApi.paths)) {
      for (const method of METHODS) {
        const op = item[method] as unknown as { security?: unknown[]; 'x-roles'?: string[] } | undefined;
        if (op === undefined || op['x-roles']?.includes('public') === true) continue;
        expect(op.security).toEqual(expect.arrayContaining([{ apiKey: [] }]));
        expect(op['x-roles']).toContain('admin');
      }
    }
  });
});
