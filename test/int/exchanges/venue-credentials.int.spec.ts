import { Writable } from 'node:stream';
import pino from 'pino';
import { CcxtExchangeAdapter } from '../../../src/infrastructure/exchanges/ccxt/ccxt-exchange.adapter';
import { FAKE_TRADING_USER } from '../../../src/infrastructure/exchanges/fake-venues';
import { waitFor } from '../../../src/infrastructure/exchanges/fake-venues/shared/wait-for';
import { VenueBadRequestError } from '../../../src/infrastructure/exchanges/exchange.errors';
import { StreamProbe } from '../../contract/stream-probe';
import { newBinance, newBybit, newHyperliquid, ownStreamsSubscribed, type FakeServer } from './venue-harness';

interface Case {
  id: 'binanceusdm' | 'bybit' | 'hyperliquid';
  fake: () => FakeServer;
  symbol: string;
  /** The account's credential variables; every value is a secret that must never be logged. */
  credentials: Record<string, string>;
}

const CASES: Case[] = [
  {
    id: 'binanceusdm',
    fake: newBinance,
    symbol: 'BTC/USDT:USDT',
    credentials: { ACC_API_KEY: 'binKEYvmPRsNTw9f2dQ', ACC_SECRET: 'binSECRETq8ZkW3yHx7' },
  },
  {
    id: 'bybit',
    fake: newBybit,
    symbol: 'BTC/USDT:USDT',
    credentials: { ACC_API_KEY: 'bybKEYa1B2c3D4e5F6', ACC_SECRET: 'bybSECRETz9Y8x7W6v5' },
  },
  {
    id: 'hyperliquid',
    fake: newHyperliquid,
    symbol: 'BTC/USDC:USDC',
    credentials: { ACC_WALLET_ADDRESS: FAKE_TRADING_USER, ACC_PRIVATE_KEY: `0x${'3c'.repeat(32)}` },
  },
];

/** A real pino logger whose every line lands in `lines`. */
function capturingPino(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

describe.each(CASES)(
  '$id credentials stay out of logs and errors',
  ({ id, fake: newFake, symbol, credentials }) => {
    it('logs failures and reconnects without a key or secret in any line', async () => {
      const fake = newFake();
      const { restUrl, wsUrl } = await fake.start();
      const prefix = `EXCHANGE_${id.toUpperCase()}`;
      const env = { [`${prefix}_REST_URL`]: restUrl, [`${prefix}_WS_URL`]: wsUrl, ...credentials };
      const { logger, lines } = capturingPino();
      const adapter = new CcxtExchangeAdapter(id, { env, logger, backoff: { initialMs: 20, maxMs: 100 } });
      const errors: unknown[] = [];
      try {
        const session = adapter.trading({ accountId: 'secret-test', credentialsEnv: 'ACC' });
        const orders = new StreamProbe(session.watchOrders());
        // Placed once the stream is subscribed: an update sent before that is never seen.
        await waitFor(() => ownStreamsSubscribed(fake, ['orders']), 10_000);
        await session.createOrder({
          clientOrderId: 'cred-1',
          symbol,
          side: 'buy',
          type: 'limit',
          quantity: '0.010',
          price: '30000.0',
        });
        await orders.waitForCount(1);
        // A rate-limited call and an unknown order: both are logged as failed venue calls.
        // (ccxt's Binance first reloads leverage brackets, and shrugs off a failure there.)
        fake.faults.rateLimitNext(5);
        errors.push(await session.fetchOpenOrders(symbol).catch((e: unknown) => e));
        fake.faults.reset();
        errors.push(await session.fetchOrder('987654321', symbol).catch((e: unknown) => e));
        // A dropped private stream is logged as it reconnects.
        fake.faults.dropAllConnections();
        await waitFor(() => lines.some((line) => line.includes('reconnecting')), 10_000);
        // An account naming variables that are not set: the error names them, never a value.
        const missing: unknown = (() => {
          try {
            adapter.trading({ accountId: 'unset', credentialsEnv: 'NOPE' });
            return undefined;
          } catch (e: unknown) {
            return e;
          }
        })();
        expect(missing).toBeInstanceOf(VenueBadRequestError);
        expect((missing as Error).message).toContain('NOPE_');
        errors.push(missing);
      } finally {
        await adapter.close();
        await fake.stop();
      }

      expect(lines.filter((line) => line.includes('"level":40')).length).toBeGreaterThanOrEqual(3);
      expect(errors.every((e) => e instanceof Error)).toBe(true);
      const errorText = JSON.stringify(
        errors.map((e) => [(e as Error).message, (e as { details?: unknown }).details]),
      );
      for (const [name, value] of Object.entries(credentials)) {
        if (name.endsWith('WALLET_ADDRESS')) continue; // public: it is the account's address on chain
        for (const line of lines) expect(line).not.toContain(value);
        expect(errorText).not.toContain(value);
      }
    });
  },
);
