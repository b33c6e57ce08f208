import { BinanceUsdmFakeServer } from '../../src/infrastructure/exchanges/fake-venues';
import { startApp, type RunningApp } from '../support/app-harness';
import { TestStrategiesModule } from '../int/strategies/test-strategies.module';
import { eventually } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface OrderItem {
  orderId: string;
  clientOrderId: string;
  status: string;
  quantity: string;
  filled: string;
  averagePrice: string | null;
}

/**
 * Paper trading on a live venue: an account on `paperbinanceusdm` trades binanceusdm's live market
 * (the Binance fake) through orders and risk, matched by the engine against the venue's live book;
 * no order reaches the venue.
 */
describe('strategies (e2e): paper mode on a live venue (paperbinanceusdm against the Binance fake)', () => {
  let running: RunningApp;
  let fake: BinanceUsdmFakeServer;
  const saved = { ...process.env };
  const book = () => fake.data.book('BTC');

  beforeAll(async () => {
    fake = new BinanceUsdmFakeServer();
    const urls = await fake.start();
    process.env.EXCHANGE_BINANCEUSDM_REST_URL = urls.restUrl;
    process.env.EXCHANGE_BINANCEUSDM_WS_URL = urls.wsUrl;
    running = await startApp({
      env: { EXCHANGES: 'sim,binanceusdm,paperbinanceusdm' },
      imports: [TestStrategiesModule],
    });
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
    process.env = saved;
  });

  it('fills a market order against the live book, sends nothing to the venue, and refuses live-venue paper', async () => {
    const opened = await running
      .as()
      .post('/v1/accounts')
      .send({ name: 'paper', exchange: 'paperbinanceusdm', initialBalances: { USDT: '10000' } })
      .expect(201);
    const accountId = (opened.body as { id: string }).id;
    const created = await running
      .as()
      .post('/v1/strategies')
      .send({ name: 'paper buyer', strategy: 'e2e-market-buyer', accountId, symbols: [BTC] });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    await running.as().post(`/v1/strategies/${id}/start`).send({ mode: 'paper' }).expect(200);

    // the fake prints trades (each pushes Binance's 24hr tickers): the strategy's first ticker buys
    const filled = await eventually(async () => {
      fake.data.pushTrade('BTC', { price: book().asks[0]?.[0] ?? '42000.0', qty: '0.002', side: 'buy' });
      const page = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
      const mine = (page.body as { items: OrderItem[] }).items.filter((o) =>
        o.clientOrderId.startsWith(`stg.${id}.1.`),
      );
      return mine.length === 1 && mine[0]?.status === 'filled' ? mine[0] : undefined;
    }, 30_000);
    expect(filled).toMatchObject({ quantity: '0.001', filled: '0.001' });
    // a taker buy of 0.001 takes the best ask of the fake's live book (its first level holds more)
    const levels = book();
    expect(Number(levels.asks[0]?.[1])).toBeGreaterThanOrEqual(0.001);
    expect(Number(filled.averagePrice)).toBe(Number(levels.asks[0]?.[0]));
    expect(fake.faults.count('/fapi/v1/order')).toBe(0);

    // the strategy heard its own fill
    await eventually(async () => {
      const s = await running.as().get(`/v1/strategies/${id}`).expect(200);
      const rows = (s.body as { runtime: { table: { rows: { fills: string }[] } } | null }).runtime?.table
        .rows;
      return rows?.[0]?.fills.startsWith('buy 0.001 @ ') === true ? true : undefined;
    });
    await running.as().post(`/v1/strategies/${id}/stop`).send({ closePositions: true }).expect(200);

    // paper mode needs a sim or paper account: a live binanceusdm account is refused
    const live = await running
      .as()
      .post('/v1/accounts')
      .send({ name: 'live', exchange: 'binanceusdm', initialBalances: {} })
      .expect(201);
    const onLive = await running
      .as()
      .post('/v1/strategies')
      .send({ name: 'x', strategy: 'e2e-timer', accountId: (live.body as { id: string }).id, symbols: [] })
      .expect(201);
    const refused = await running
      .as()
      .post(`/v1/strategies/${(onLive.body as { id: string }).id}/start`)
      .send({ mode: 'paper' })
      .expect(422);
    expect((refused.body as { error: { code: string } }).error.code).toBe('PAPER_TRADING_UNAVAILABLE');
  });
});
