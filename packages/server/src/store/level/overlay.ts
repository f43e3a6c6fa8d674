export type Op = { type: "put"; key: string; value: string } | { type: "del"; key: string };

/**
 * A batch's writes before they reach the database: the last write to a key wins, so the ops
 * hold each key once and the batch's end state is that of applying its parts in order.
 */
export class Overlay {
  readonly #writes = new Map<string, string | null>();
  /** Puts of keys no other write of the batch touches (events, changes, message ids): no lookup. */
  readonly #appends: { key: string; value: string | null }[] = [];

  /** A put of a key nothing else in the batch writes (the caller knows it is unique). */
  append(key: string, value: string): void {
    this.#appends.push({ key, value });
  }

  put(key: string, value: string): void {
    this.#writes.set(key, value);
  }

  del(key: string): void {
    this.#writes.set(key, null);
  }

  /** The value this batch gave `key`: a string, null when it deleted it, undefined if untouched. */
  get(key: string): string | null | undefined {
    return this.#writes.get(key);
  }

  /** Deletes every key written so far in the range (deletions of the stored ones are the caller's). */
  delRange(gte: string, lt: string): void {
    for (const k of this.#writes.keys()) if (k >= gte && k < lt) this.#writes.set(k, null);
    for (const a of this.#appends) if (a.key >= gte && a.key < lt) a.value = null;
  }

  /** Keys put (not deleted) so far in the range. */
  keysIn(gte: string, lt: string): string[] {
    const out: string[] = [];
    for (const [k, v] of this.#writes) if (v !== null && k >= gte && k < lt) out.push(k);
    for (const a of this.#appends) if (a.value !== null && a.key >= gte && a.key < lt) out.push(a.key);
    return out;
  }

  ops(): Op[] {
    const out: Op[] = [];
    for (const { key, value } of this.#appends) if (value !== null) out.push({ type: "put", key, value });
    for (const [key, value] of this.#writes) {
      out.push(value === null ? { type: "del", key } : { type: "put", key, value });
    }
    return out;
  }
}
