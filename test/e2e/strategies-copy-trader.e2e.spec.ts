import { FAKE_TRADING_USER, HyperliquidFakeServer } from '../../src/infrastructure/exchanges/fake-venues';
import { startApp, type RunningApp } from '../support/app-harness';
import { eventually, openAccount } from './trading-helpers';

const LEADER = FAKE_TRADING_USER; // the fake's traded account: its trades move its clearinghouseState too

interface OrderItem {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: string;
  type: string;
  status: string;
  quantity: string;
}

interface ExportedEvent {
  type: string;
  data: { name?: string; inputs?: Record<string, unknown>; intent?: Record<string, unknown> };
}

/**
 * copy-trader against the Hyperliquid fake: the leader's userFills over the venue websocket (the
 * isSnapshot replay skipped), mirrored on a sim account with the size ratio and symbol map, and
 * drift corrected against the leader's positions read from clearinghouseState.
 */
describe('copy-trader (e2e): mirrors a scripted Hyperliquid leader onto a sim account', () => {
  let running: RunningApp;
  let fake: HyperliquidFakeServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = new HyperliquidFakeServer();
    const urls = await fake.start();
    process.env.EXCHANGE_HYPERLIQUID_WS_URL = urls.wsUrl;
    process.env.EXCHANGE_HYPERLIQUID_REST_URL = urls.restUrl;
    running = await startApp({ env: { EXCHANGES: 'sim', STRATEGY_LEADER_POSITIONS_MS: '500' } });
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
    process.env = saved;
  });

  it('skips the replay, mirrors new fills with ratio and symbol map, and corrects drift', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    // history before the subscription: replayed with isSnapshot, never copied
    fake.addUserFill(LEADER, { coin: 'BTC', px: '62000', sz: '0.5', side: 'B' });

    const created = await running
      .as()
      .post('/v1/strategies')
      .send({
        name: 'copy',
        strategy: 'copy-trader',
        accountId,
        symbols: [],
        leader: LEADER,
        params: { sizeRatio: 0.5, symbolMap: 'BTC=BTC/USDT:USDT,ETH=ETH/USDT:USDT', symbolSuffix: '' },
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    await running.as().post(`/v1/strategies/${id}/start`).send({ mode: 'paper' }).expect(200);
    await eventually(async () =>
      fake.subscribedTopics.includes(`userFills:${LEADER}`) ? Promise.resolve(true) : undefined,
    );

    const mine = async (): Promise<OrderItem[]> => {
      const page = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
      return (page.body as { items: OrderItem[] }).items
        .filter((o) => o.clientOrderId.startsWith(`stg.${id}.1.`))
        .reverse(); // oldest first
    };

    // the leader trades: 0.01 BTC bought, 0.3 ETH sold (its position moves with them)
    fake.account.place({ coin: 'BTC', side: 'buy', type: 'market', quantity: '0.01', clientId: 'leader-1' });
    fake.account.place({ coin: 'ETH', side: 'sell', type: 'market', quantity: '0.3', clientId: 'leader-2' });
    const mirrored = await eventually(async () => {
      const orders = await mine();
      return orders.length >= 2 && orders.every((o) => o.status === 'filled') ? orders : undefined;
    });
    expect(mirrored.map((o) => `${o.side} ${o.quantity} ${o.symbol} ${o.type}`)).toEqual([
      'buy 0.005 BTC/USDT:USDT market',
      'sell 0.15 ETH/USDT:USDT market',
    ]);

    // a fill the leader's positions never show (0.004 BTC): copied (+0.002), then two positions reads in
    // a row find us at 0.007 against 0.01 * 0.5 = 0.005, and the second sells the 0.002 difference (a
    // single read is not acted on: it may have seen the leader's position before the fill arrived)
    fake.addUserFill(LEADER, { coin: 'BTC', px: '62000', sz: '0.004', side: 'B' });
    const corrected = await eventually(async () => {
      const orders = await mine();
      return orders.length >= 4 && orders.every((o) => o.status === 'filled') ? orders : undefined;
    });
    expect(corrected.slice(2).map((o) => `${o.side} ${o.quantity} ${o.symbol}`)).toEqual([
      'buy 0.002 BTC/USDT:USDT',
      'sell 0.002 BTC/USDT:USDT',
    ]);

    const events = (
      (await running.as().get(`/v1/strategies/${id}/events`).expect(200)).body as { events: ExportedEvent[] }
    ).events;
    const signalled = events.filter((e) => e.type === 'StrategySignalled');
    expect(signalled.map((e) => e.data.name)).toEqual([
      'copy-trader.mirror',
      'copy-trader.mirror',
      'copy-trader.mirror',
      'copy-trader.drift-correction',
    ]);
    expect(signalled[0]?.data.inputs).toMatchObject({
      leaderSymbol: 'BTC',
      leaderQuantity: 0.01,
      sizeRatio: 0.5,
    });
    expect(signalled[3]?.data.inputs).toMatchObject({
      leaderPosition: 0.01,
      expectedPosition: 0.005,
      position: 0.007,
      correction: -0.002,
    });

    const state = await running.as().get(`/v1/strategies/${id}`).expect(200);
    expect(
      (state.body as { runtime: { table: { notes: Record<string, unknown> } } }).runtime.table.notes,
    ).toMatchObject({
      snapshotFillsSkipped: 1,
      duplicatesSkipped: 0,
    });
    // stop with closePositions: the run's net position per symbol is closed reduce-only
    await running.as().post(`/v1/strategies/${id}/stop`).send({ closePositions: true }).expect(200);
    const closing = await eventually(async () => {
      const orders = (await mine()).filter((o) => o.clientOrderId.includes('.close.'));
      return orders.length === 2 && orders.every((o) => o.status === 'filled') ? orders : undefined;
    });
    expect(closing.map((o) => `${o.side} ${o.quantity} ${o.symbol}`).sort()).toEqual([
      'buy 0.15 ETH/USDT:USDT',
      'sell 0.005 BTC/USDT:USDT',
    ]);
  });
});
