import { RecentlyUsed } from '../domain/recently-used';

// Things made from objects that never change while they live (a tenant snapshot, a language's
// translator), remembered by those objects and a short key. When an object goes, what was made from
// it goes too; a changed tenant is a new snapshot, so nothing made from the old one is shown.

interface Scope<V> {
  inner: WeakMap<object, Scope<V>>;
  made: RecentlyUsed<string, V>;
}

/** One cache of its own per use, so two uses never meet under the same scope and key. */
export class Remembered<V> {
  private readonly outermost = new WeakMap<object, Scope<V>>();

  /** `perScope`: how many keys each innermost scope keeps, the least recently used going first. */
  constructor(private readonly perScope: number) {}

  /** What `make` makes, made once per `scopes` and `key`; `key` must name everything else it depends on. */
  get(scopes: readonly [object, ...object[]], key: string, make: () => V): V {
    let level = this.outermost;
    let scope: Scope<V> | undefined;
    for (const object of scopes) {
      scope = level.get(object);
      if (!scope) {
        scope = { inner: new WeakMap(), made: new RecentlyUsed(this.perScope) };
        level.set(object, scope);
      }
      level = scope.inner;
    }
    let value = scope!.made.get(key);
    if (value === undefined) {
      value = make();
      scope!.made.set(key, value);
    }
    return value;
  }
}

/** A key made of parts, none of which can run into the next. */
export function rememberedKey(...parts: readonly (string | number | boolean | undefined)[]): string {
  return parts.map((part) => String(part ?? '')).join('\u0000');
}
