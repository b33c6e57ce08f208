import { hyperliquidWsUrl, toLeaderFeed } from './leader-fills.feed';
import { hyperliquidRestUrl, toLeaderPositions } from './leader-positions.poll';

describe('Hyperliquid leader inputs', () => {
  it('turns a userFills frame into a leader-fills feed (B buy, A sell, tid as the fill id), dropping malformed rows', () => {
    const frame = {
      channel: 'userFills',
      data: {
        user: '0xabc',
        fills: [
          { coin: 'BTC', px: '62000.5', sz: '0.01', side: 'B', time: 1700, tid: 981 },
          { coin: 'ETH', px: '3200', sz: '0.3', side: 'A', time: 1701, tid: 982 },
          { coin: 'ETH', px: 'x', sz: '0.3', side: 'A', time: 1702, tid: 983 },
          { coin: 'SOL', px: '150', sz: '1', side: '?', time: 1703, tid: 984 },
        ],
      },
    };
    expect(toLeaderFeed(frame)).toEqual({
      type: 'leader-fills',
      isSnapshot: false,
      fills: [
        { fillId: '981', symbol: 'BTC', side: 'buy', price: 62000.5, quantity: 0.01, time: 1700 },
        { fillId: '982', symbol: 'ETH', side: 'sell', price: 3200, quantity: 0.3, time: 1701 },
      ],
    });
    expect(
      toLeaderFeed({ channel: 'userFills', data: { isSnapshot: true, user: '0xabc', fills: [] } }),
    ).toEqual({
      type: 'leader-fills',
      isSnapshot: true,
      fills: [],
    });
    expect(toLeaderFeed({ channel: 'pong' })).toBeUndefined();
    expect(toLeaderFeed(null)).toBeUndefined();
  });

  it('reads signed positions from clearinghouseState', () => {
    const body = {
      assetPositions: [
        { type: 'oneWay', position: { coin: 'BTC', szi: '0.01' } },
        { type: 'oneWay', position: { coin: 'ETH', szi: '-0.3' } },
        { type: 'oneWay', position: { coin: 'BAD', szi: 'x' } },
      ],
    };
    expect(toLeaderPositions(body)).toEqual([
      { symbol: 'BTC', quantity: 0.01 },
      { symbol: 'ETH', quantity: -0.3 },
    ]);
    expect(toLeaderPositions({ marginSummary: {} })).toBeUndefined();
  });

  it('follows the venue URL overrides, else mainnet', () => {
    expect(hyperliquidWsUrl({})).toBe('wss://api.hyperliquid.xyz/ws');
    expect(hyperliquidWsUrl({ EXCHANGE_HYPERLIQUID_WS_URL: 'ws://127.0.0.1:4100/ws' })).toBe(
      'ws://127.0.0.1:4100/ws',
    );
    expect(hyperliquidRestUrl({ EXCHANGE_HYPERLIQUID_REST_URL: 'http://127.0.0.1:4100/' })).toBe(
      'http://127.0.0.1:4100',
    );
    expect(hyperliquidRestUrl({})).toBe('https://api.hyperliquid.xyz');
  });
});
