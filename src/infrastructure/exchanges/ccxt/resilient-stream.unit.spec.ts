import { resilientWatch } from './resilient-stream';
import type { VenueLogger } from './venue-logger';

const logger = (): VenueLogger & { lines: string[] } => {
  const lines: string[] = [];
  return {
    lines,
    warn: (_o: object, m?: string) => void lines.push(m ?? ''),
    info: () => undefined,
    debug: () => undefined,
  };
};

describe('resilientWatch', () => {
  it('stops when the consumer returns, even if the venue never confirms the unwatch', async () => {
    const log = logger();
    let unwatched = 0;
    const stream = resilientWatch<number>({
      name: 'venue trades BTC',
      watch: () => Promise.resolve(1),
      unwatch: () => {
        unwatched++;
        return new Promise<void>(() => undefined); // never settles
      },
      unwatchWaitMs: 50,
      isClosed: () => false,
      mapError: (e) => e as Error,
      logger: log,
    });
    expect((await stream.next()).value).toBe(1);
    const started = Date.now();
    await expect(stream.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(unwatched).toBe(1);
    expect(log.lines).toEqual(['venue did not confirm the unwatch: stopped anyway']);
  });

  it('waits for an unwatch the venue confirms, and says nothing', async () => {
    const log = logger();
    let confirmed = false;
    const stream = resilientWatch<number>({
      name: 'venue trades BTC',
      watch: () => Promise.resolve(1),
      unwatch: () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            confirmed = true;
            resolve();
          }, 10),
        ),
      unwatchWaitMs: 5_000,
      isClosed: () => false,
      mapError: (e) => e as Error,
      logger: log,
    });
    await stream.next();
    await stream.return(undefined);
    expect(confirmed).toBe(true);
    expect(log.lines).toEqual([]);
  });
});
