import { newEventId } from './postgres-event-store';

describe('newEventId', () => {
  it('draws distinct UUIDv7s led by their timestamp, across refills of the random pool', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => newEventId(1_700_000_000_000 + i)); // ~8 pool refills
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids); // later milliseconds sort later
    expect(ids[0]?.replace(/-/g, '').slice(0, 12)).toBe((1_700_000_000_000).toString(16).padStart(12, '0'));
  });
});
