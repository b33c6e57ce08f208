import type { Exchange } from 'ccxt';

/**
 * ccxt schedules background work with a bare setTimeout (Binance's listenKey keep-alive every 20
 * minutes) and close() never clears it: a closed session would keep calling the venue and keep the
 * process alive. Tracks those timers so close() cancels them.
 */
export function cancelDelayedTasksOnClose(exchange: Exchange): void {
  const timers = new Set<NodeJS.Timeout>();
  exchange.delay = (timeout: number, method: unknown, ...args: unknown[]): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void exchange.spawn(method, ...args);
    }, timeout);
    timers.add(timer);
  };
  const close = exchange.close.bind(exchange);
  exchange.close = async (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await close();
  };
}
