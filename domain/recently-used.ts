interface Entry<V> {
  value: V;
  /** Read or replaced since the entry was last passed over for dropping. */
  used: boolean;
}

/**
 * A map that keeps at most `limit` entries and drops one not used recently first: the bound on every
 * in-process cache (expanded cards, described findings, stored items, shown cards). A read only marks
 * its entry as used (the "clock" or second-chance policy) instead of moving it to the end of the map,
 * which cost a delete and an insert on every hit; when the map is full, the oldest entry goes unless
 * it was used since it was last passed over, in which case it gets a second chance at the end.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, which now counts as recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.used = true;
      return;
    }
    this.entries.set(key, { value, used: false });
    if (this.entries.size > this.limit) this.dropOne();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private dropOne(): void {
    // Each entry passed over loses its mark and moves to the end, so this ends within one round.
    for (const [key, entry] of this.entries) {
      this.entries.delete(key);
      if (!entry.used) return;
      entry.used = false;
      this.entries.set(key, entry);
    }
  }
}
