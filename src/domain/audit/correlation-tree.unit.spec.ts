import { buildCausationTree } from './correlation-tree';
import { replayerFor, replayerFromEvolve } from './stream-replayer';

describe('the causation tree', () => {
  it('nests each event under its cause, with outside causes as roots', () => {
    const events = [
      { eventId: 'a', causationId: null },
      { eventId: 'b', causationId: 'a' },
      { eventId: 'c', causationId: 'a' },
      { eventId: 'd', causationId: 'b' },
      { eventId: 'e', causationId: 'outside' },
      { eventId: 'f', causationId: 'f' },
    ];
    const tree = buildCausationTree(events);
    const shape = (nodes: typeof tree): unknown => nodes.map((n) => [n.event.eventId, shape(n.children)]);
    expect(shape(tree)).toEqual([
      [
        'a',
        [
          ['b', [['d', []]]],
          ['c', []],
        ],
      ],
      ['e', []],
      ['f', []],
    ]);
  });
});

describe('stream replayers', () => {
  const counter = replayerFromEvolve(
    'counter',
    'counter-',
    () => 0,
    (n: number, e: { by: number }) => n + e.by,
  );
  const special = replayerFromEvolve(
    'special',
    'counter-special-',
    () => 'x',
    (s: string) => s,
  );

  it('folds the events with the longest matching prefix', () => {
    expect(
      replayerFor([counter, special], 'counter-1')?.replay([
        { type: 'Added', data: { by: 2 } },
        { type: 'Added', data: { by: 3 } },
      ]),
    ).toBe(5);
    expect(replayerFor([counter, special], 'counter-special-1')?.name).toBe('special');
    expect(replayerFor([counter], 'orders-1')).toBeUndefined();
  });
});
