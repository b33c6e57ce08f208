/** The runner's time: injectable so a test can drive it; the system clock by default. */
export interface StrategyClock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const STRATEGY_CLOCK = Symbol('STRATEGY_CLOCK');

export const systemClock: StrategyClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};
