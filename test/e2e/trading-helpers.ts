import { startApp, type RunningApp } from '../support/app-harness';

/** An order as the API answers it; each suite reads the fields it needs. */
export interface OrderBody {
  orderId: string;
  status: string;
  quantity: string;
  price: string | null;
  filled: string;
  averagePrice: string | null;
  fees: string;
  venueOrderId: string | null;
  fills?: { fillId: string; price: string; quantity: string; fee: string }[];
}

/** The app a trading suite runs against, and the sim account it trades on. */
export interface TradingApp {
  running: RunningApp;
  accountId: string;
}

/**
 * Call inside a describe: starts the whole app with one sim account before its tests and closes it
 * after. The getter is for use inside tests (the app does not exist yet while the suite is declared).
 */
export function useTradingApp(
  initialBalances: Record<string, string> = { USDT: '100000' },
): () => TradingApp {
  let running: RunningApp | undefined;
  let trading: TradingApp | undefined;
  beforeAll(async () => {
    running = await startApp();
    trading = { running, accountId: await openAccount(running, initialBalances) };
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (trading === undefined) throw new Error('the trading app is not started: use it inside a test');
    return trading;
  };
}

/** Polls until `probe` answers something other than undefined (projections and the venue are asynchronous). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function openAccount(
  running: RunningApp,
  initialBalances: Record<string, string>,
): Promise<string> {
  const res = await running.as().post('/v1/accounts').send({ name: 'e2e', exchange: 'sim', initialBalances });
  if (res.status !== 201) throw new Error(`open account: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}
