import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from '../domain/recently-used';

describe('a bounded cache', () => {
  it('drops the least recently used entry once it is full, counting a read as a use', () => {
    const cache = new RecentlyUsed<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('keeps an entry that is read between every write while a hundred others come and go, and never grows past its limit', () => {
    const cache = new RecentlyUsed<string, number>(3);
    cache.set('hot', 0);
    for (let i = 0; i < 100; i++) {
      expect(cache.get('hot')).toBe(0);
      cache.set(`cold-${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(3);
    }
    expect(cache.has('hot')).toBe(true);
    expect(cache.has('cold-99')).toBe(true);
    expect(cache.has('cold-0')).toBe(false);
  });

  it('replaces a value without growing, and forgets on delete and clear', () => {
    const cache = new RecentlyUsed<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 10);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(10);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
