import type { TypedArray } from "./growable.ts";

type Ctor<T extends TypedArray> = new (length: number) => T;

/**
 * Reusable per-contact work arrays. Every condition needs a few arrays of one element per
 * contact (4–8 MB each at 1M contacts); allocating them per evaluation made the garbage
 * collector, not the scans, the largest cost. Arrays come back filled with `fill`.
 * @example const seen = pool.take(Int32Array, n); ...; pool.give(seen);
 */
export class ScratchPool {
  private readonly free = new Map<Ctor<TypedArray>, TypedArray[]>();

  take<T extends TypedArray>(ctor: Ctor<T>, length: number, fill = 0): T {
    const list = this.free.get(ctor as Ctor<TypedArray>);
    let a = list?.pop() as T | undefined;
    // Sizes change only when contacts are added: drop arrays of another size.
    while (a !== undefined && a.length !== length) a = list?.pop() as T | undefined;
    if (a === undefined) {
      a = new ctor(length);
      if (fill !== 0) a.fill(fill);
      return a;
    }
    a.fill(fill);
    return a;
  }

  give(...arrays: TypedArray[]): void {
    for (const a of arrays) {
      const ctor = a.constructor as Ctor<TypedArray>;
      const list = this.free.get(ctor) ?? [];
      // A handful per type covers the arrays one condition holds at once.
      if (list.length < 8) list.push(a);
      this.free.set(ctor, list);
    }
  }
}

/** Takes scratch arrays for the length of one call, and gives them back after it. */
export type Take = <T extends TypedArray>(ctor: Ctor<T>, length: number, fill?: number) => T;

/** @example withScratch(pool, (take) => { const seen = take(Int32Array, n); ... }) */
export function withScratch<R>(pool: ScratchPool, fn: (take: Take) => R): R {
  const taken: TypedArray[] = [];
  try {
    return fn((ctor, length, fill) => {
      const a = pool.take(ctor, length, fill);
      taken.push(a);
      return a;
    });
  } finally {
    pool.give(...taken);
  }
}
