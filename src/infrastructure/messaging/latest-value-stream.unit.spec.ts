import { latestValueStream } from './latest-value-stream';

/** A listener feed driven by the test. */
function feed<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    listen: (onValue: (value: T) => void) => {
      listeners.add(onValue);
      return () => listeners.delete(onValue);
    },
    emit: (value: T) => listeners.forEach((l) => l(value)),
    get listeners() {
      return listeners.size;
    },
  };
}

describe('latestValueStream', () => {
  it('yields values in order to a consumer that keeps up', async () => {
    const f = feed<number>();
    const it = latestValueStream(f.listen)[Symbol.asyncIterator]();
    const first = it.next();
    f.emit(1);
    expect(await first).toEqual({ done: false, value: 1 });
    f.emit(2);
    expect(await it.next()).toEqual({ done: false, value: 2 });
  });

  it('gives a slow consumer only the newest value, not a backlog', async () => {
    const f = feed<string>();
    const it = latestValueStream(f.listen)[Symbol.asyncIterator]();
    f.emit('10%');
    f.emit('20%');
    f.emit('30%');
    expect(await it.next()).toEqual({ done: false, value: '30%' });
    const next = it.next();
    f.emit('40%');
    expect(await next).toEqual({ done: false, value: '40%' });
  });

  it('keeps a falsy value (0 is a state, not "nothing yet")', async () => {
    const f = feed<number>();
    const it = latestValueStream(f.listen)[Symbol.asyncIterator]();
    f.emit(0);
    expect(await it.next()).toEqual({ done: false, value: 0 });
  });

  it('stopping unlistens and ends a waiting next()', async () => {
    const f = feed<number>();
    const it = latestValueStream(f.listen)[Symbol.asyncIterator]();
    expect(f.listeners).toBe(1);
    const waiting = it.next();
    await it.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(f.listeners).toBe(0);
  });
});
