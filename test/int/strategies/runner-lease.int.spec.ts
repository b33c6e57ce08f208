import { RunnerLease } from '../../../src/modules/strategies/runtime/runner-lease';
import { eventually } from '../../support/subscription-fixture';
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
    // A lease long enough that no stall of this machine can let it lapse before the check.
    expect(await second.tryHold(60_000)).toBe(true);
    expect(await first.tryHold()).toBe(false);

    // The holder's last renewal is a short one, then it stops renewing (a crash): once that lapses
    // the other one takes it over. Polled, since how soon that is depends on the database's clock.
    expect(await second.tryHold(50)).toBe(true);
    await eventually(
      () => first.tryHold(),
      (taken) => taken,
    );
    expect(await second.tryHold()).toBe(false);
  });
});
