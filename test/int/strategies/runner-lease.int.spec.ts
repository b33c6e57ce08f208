import { RunnerLease } from '../../../src/modules/strategies/runtime/runner-lease';
import { sleep } from '../../support/event-store-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../../support/test-databases';

describe.each(databaseTargets())('the strategy runner lease on %s', (target) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(target);
  });
  afterAll(() => db.drop());

  it('is held by one process at a time, handed over on release, taken over once it lapses', async () => {
    const first = new RunnerLease(db.database.pool);
    const second = new RunnerLease(db.database.pool);
    expect(await first.tryHold()).toBe(true);
    expect(await second.tryHold()).toBe(false);
    expect(await first.tryHold()).toBe(true); // renewal
    expect([first.held, second.held]).toEqual([true, false]);

    await first.release();
    expect(await second.tryHold(150)).toBe(true);
    expect(await first.tryHold()).toBe(false);

    // the holder stops renewing (a crash): after the lease's time the other one takes it
    await sleep(300);
    expect(await first.tryHold()).toBe(true);
    expect(await second.tryHold()).toBe(false);
  });
});
