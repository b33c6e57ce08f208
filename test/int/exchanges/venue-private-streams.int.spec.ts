import { FAKE_TRADING_USER } from '../../../src/infrastructure/exchanges/fake-venues';
import { waitFor } from '../../../src/infrastructure/exchanges/fake-venues/shared/wait-for';
import type { VenueFill, VenueOrder } from '../../../src/infrastructure/exchanges/trading.types';
import { StreamProbe } from '../../contract/stream-probe';
import {
  newBinance,
  newBybit,
  newHyperliquid,
  ownStreamsSubscribed,
  startVenue,
  type FakeServer,
} from './venue-harness';

interface Case {
  id: 'binanceusdm' | 'bybit' | 'hyperliquid';
  fake: () => FakeServer;
  symbol: string;
  env: Record<string, string>;
}

const CASES: Case[] = [
  { id: 'binanceusdm', fake: newBinance, symbol: 'BTC/USDT:USDT', env: { P_API_KEY: 'k1', P_SECRET: 's1' } },
  { id: 'bybit', fake: newBybit, symbol: 'BTC/USDT:USDT', env: { P_API_KEY: 'k2', P_SECRET: 's2' } },
  {
    id: 'hyperliquid',
    fake: newHyperliquid,
    symbol: 'BTC/USDC:USDC',
    env: { P_WALLET_ADDRESS: FAKE_TRADING_USER, P_PRIVATE_KEY: `0x${'44'.repeat(32)}` },
  },
];

function fillPartially(fake: FakeServer, orderId: string, quantity: string): void {
  if ('fillPartially' in fake) fake.fillPartially(orderId, quantity);
  else throw new Error('this fake does not trade');
}

describe.each(CASES)(
  '$id: own order and fill streams across a dropped connection',
  ({ id, fake, symbol, env }) => {
    it('keeps yielding order updates and new fills after the venue drops every socket', async () => {
      const venue = await startVenue(id, fake(), env);
      const session = venue.adapter.trading({ accountId: 'private-streams', credentialsEnv: 'P' });
      try {
        const orders = new StreamProbe<VenueOrder>(session.watchOrders());
        const fills = new StreamProbe<VenueFill>(session.watchFills());
        const place = (clientOrderId: string): Promise<VenueOrder> =>
          session.createOrder({
            clientOrderId,
            symbol,
            side: 'buy',
            type: 'limit',
            quantity: '0.010',
            price: '30000.0',
          });
        await waitFor(() => ownStreamsSubscribed(venue.fake, ['orders', 'fills']), 10_000);
        const first = await place('before-drop');
        await orders.waitForMatch((o) => o.venueOrderId === first.venueOrderId, 'the first order update');

        venue.fake.faults.dropAllConnections();
        // Orders placed until one streams back: the resubscription races the first placement.
        let second: VenueOrder | undefined;
        for (let attempt = 0; attempt < 20 && second === undefined; attempt++) {
          const placed = await place(`after-drop-${attempt}`);
          const seen = await orders
            .waitForMatch(
              (o) => o.venueOrderId === placed.venueOrderId,
              'an order update after the drop',
              500,
            )
            .catch(() => undefined);
          if (seen !== undefined) second = placed;
        }
        if (second === undefined) throw new Error('no order update after the drop');
        await waitFor(() => ownStreamsSubscribed(venue.fake, ['orders', 'fills']), 10_000);
        // ccxt.pro hands a message to a watch only while one is pending: a fill that lands while the
        // fills stream is still backing off is delivered with the next one. So fill in small steps
        // until one streams back; every step must then be there, each once.
        const filledIds: string[] = [];
        const isSecond = (f: VenueFill): boolean => f.venueOrderId === second.venueOrderId;
        for (let step = 0; step < 5 && !fills.items.some(isSecond); step++) {
          fillPartially(venue.fake, second.venueOrderId, '0.001');
          filledIds.push(String(step));
          await fills.waitForMatch(isSecond, 'a fill after the drop', 1_000).catch(() => undefined);
        }
        await waitFor(() => fills.items.filter(isSecond).length === filledIds.length, 5_000);
        expect(fills.items.filter(isSecond).every((f) => f.quantity === '0.001')).toBe(true);
        expect(venue.logger.lines.some((l) => l.message?.includes('reconnecting'))).toBe(true);
        const ids = fills.items.map((f) => f.fillId);
        expect(new Set(ids).size).toBe(ids.length);
      } finally {
        await session.close();
        await venue.teardown();
      }
    });
  },
);
