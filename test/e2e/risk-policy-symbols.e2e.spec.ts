import { useTradingApp } from './trading-helpers';

describe('risk policy: allowed symbols (e2e)', () => {
  const trading = useTradingApp();

  it('stores allowed symbols in the unified form orders use, and refuses unknown ones with 400', async () => {
    const { running, accountId } = trading();
    // The venue's native form names the same market: stored unified, so BTC orders pass the rule.
    const set = await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ allowedSymbols: ['BTCUSDT'] })
      .expect(200);
    expect((set.body as { policy: { allowedSymbols: string[] } }).policy.allowedSymbols).toEqual([
      'BTC/USDT:USDT',
    ]);
    await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'allowed-native',
        symbol: 'BTC/USDT:USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.001',
        price: '1000',
      })
      .expect(201);

    const bad = await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ allowedSymbols: ['NOPE/USDT:USDT'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'BAD_SYMBOL' }, requestId: expect.any(String) });
  });
});
