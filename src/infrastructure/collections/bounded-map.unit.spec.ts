import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('forgets the least recently set key past its capacity', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3); // a is now the newest
    map.set('c', 4);
    expect(map.has('b')).toBe(false);
    expect(map.get('a')).toBe(3);
    expect(map.get('c')).toBe(4);
  });

  it('clears', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.clear();
    expect(map.has('a')).toBe(false);
  });
});
