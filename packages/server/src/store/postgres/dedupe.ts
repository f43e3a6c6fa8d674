// One INSERT ... ON CONFLICT DO UPDATE may not touch a row twice, so each multi-row statement
// gets at most one row per key; these pick the row the batch's own order says wins.

/** Per key, the last item of the batch. */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

/** Per key, the item with the greatest `ts`; a tie goes to the later item (last writer wins). */
export function latestByKey<T extends { ts: number }>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const held = byKey.get(k);
    if (held === undefined || item.ts >= held.ts) byKey.set(k, item);
  }
  return [...byKey.values()];
}

/** An unambiguous key for a pair of ids (the length prefix keeps "ab"+"c" apart from "a"+"bc"). */
export function pairKey(a: string, b: string): string {
  return `${a.length}:${a}${b}`;
}
