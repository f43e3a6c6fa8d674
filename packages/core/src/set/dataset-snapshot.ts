/**
 * A ColumnarDataset as a structure that `v8.serialize` keeps whole (arrays, plain objects,
 * primitives, typed arrays), so the server can write it at shutdown and read it back at start
 * instead of rebuilding it from the database. v8 loses class prototypes, so class instances are
 * encoded with a registry name and revived from it.
 *
 * Every non-primitive is a tagged array, so user data (a boxed trait may be any JSON, with keys
 * like "$class" or arrays like ["c", ...]) is never mistaken for the encoding's own structure:
 *   ["a", items]  ["o", [key, value, ...]] (["n", ...] for a null prototype)
 *   ["m", [key, value, ...]]  ["s", values]
 *   ["c", className, [field, value, ...]]   (stored fields only, by name: see `ClassSpec`)
 * Typed arrays pass through as they are. An object reached twice is encoded once and revived
 * once, so shared references (every column's `dict`) stay shared.
 */
import { Bitset } from "./bitset.ts";
import { ColumnarDataset } from "./columnar-dataset.ts";
import { EventBlock, EventTable } from "./event-block.ts";
import { ScratchPool } from "./scratch-pool.ts";
import { StringDictionary } from "./string-dictionary.ts";
import { TraitStore } from "./trait-store.ts";
import { ValueColumn } from "./value-column.ts";

interface ClassSpec {
  /** Stable name in the snapshot (constructor.name changes under minifiers). */
  readonly name: string;
  readonly prototype: object;
  /**
   * Every own field, in the constructor's order (revived objects then get the same V8 shape as
   * new ones). A field the class gains must be added here, or encoding throws.
   */
  readonly fields: readonly string[];
  /** Caches and work areas: not stored, recreated on revival. */
  readonly transient: Readonly<Record<string, () => unknown>>;
}

const CLASSES: readonly ClassSpec[] = [
  {
    name: "ColumnarDataset",
    prototype: ColumnarDataset.prototype,
    fields: [
      "workspaceId",
      "dict",
      "traits",
      "scores",
      "lists",
      "events",
      "scratch",
      "ids",
      "indexById",
      "alive",
      "live",
      // Per-salt buckets are a cache too, but costly to recompute (a hash per contact): kept.
      "buckets",
      "live$",
      "bulk",
      "blockBits",
      "focusBelow",
    ],
    // `bulk` is true only inside a loadSnapshots call.
    transient: { scratch: () => new ScratchPool(), live$: () => undefined, bulk: () => false },
  },
  {
    name: "StringDictionary",
    prototype: StringDictionary.prototype,
    fields: ["values", "dates", "codes"],
    transient: {},
  },
  {
    name: "TraitStore",
    prototype: TraitStore.prototype,
    fields: ["dict", "traits", "derived", "dependents"],
    transient: {},
  },
  {
    name: "ValueColumn",
    prototype: ValueColumn.prototype,
    fields: ["dict", "kind", "num", "code", "boxed", "postings", "postingOthers", "postingsOff"],
    // String postings are rebuilt on the next read that wants them (unless `postingsOff`).
    transient: { postings: () => undefined, postingOthers: () => 0 },
  },
  {
    name: "EventTable",
    prototype: EventTable.prototype,
    fields: ["blockBits", "blocks", "total", "first", "last", "autoCompact"],
    transient: {},
  },
  {
    name: "EventBlock",
    prototype: EventBlock.prototype,
    fields: ["rows", "sorted", "contact", "ts", "props"],
    transient: {},
  },
  { name: "Bitset", prototype: Bitset.prototype, fields: ["size", "words"], transient: {} },
];

const byName = new Map(CLASSES.map((c) => [c.name, c]));
const byPrototype = new Map<object, ClassSpec>(CLASSES.map((c) => [c.prototype, c]));

const isStored = (spec: ClassSpec, field: string): boolean => !Object.hasOwn(spec.transient, field);

/** The dataset as arrays, primitives and typed arrays; throws on anything it cannot revive. */
export function datasetToPlain(ds: ColumnarDataset): unknown {
  const memo = new Map<object, unknown[]>();
  // Keys from the root to the value being encoded, for error messages only.
  const path: unknown[] = ["dataset"];
  const fail = (what: string): never => {
    throw new Error(`dataset snapshot: cannot store ${what} at ${path.map(String).join(" > ")}`);
  };
  const child = (key: unknown, value: unknown): unknown => {
    path.push(key);
    const e = encode(value);
    path.pop();
    return e;
  };

  function encode(v: unknown): unknown {
    if (typeof v === "function" || typeof v === "symbol") return fail(`a ${typeof v}`);
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) return v;
    const known = memo.get(v);
    if (known !== undefined) return known;
    // Registered before its contents are encoded, so that a cycle ends at this array.
    const out: unknown[] = [];
    memo.set(v, out);
    const items: unknown[] = [];
    const proto: unknown = Object.getPrototypeOf(v);
    const spec = byPrototype.get(proto as object);
    if (spec !== undefined) {
      for (const field of Object.keys(v))
        if (!spec.fields.includes(field))
          fail(`field ${spec.name}.${field} (add it to the snapshot registry)`);
      const fields = v as Record<string, unknown>;
      for (const field of spec.fields)
        if (isStored(spec, field)) items.push(field, child(field, fields[field]));
      out.push("c", spec.name, items);
    } else if (proto === Array.prototype) {
      const array = v as unknown[];
      for (let i = 0; i < array.length; i++) items.push(child(i, array[i]));
      out.push("a", items);
    } else if (proto === Object.prototype || proto === null) {
      for (const [k, x] of Object.entries(v)) items.push(k, child(k, x));
      out.push(proto === null ? "n" : "o", items);
    } else if (proto === Map.prototype) {
      for (const [k, x] of v as Map<unknown, unknown>) items.push(child("(key)", k), child(k, x));
      out.push("m", items);
    } else if (proto === Set.prototype) {
      for (const x of v as Set<unknown>) items.push(child("(member)", x));
      out.push("s", items);
    } else {
      const name = (v as { constructor?: { name?: string } }).constructor?.name;
      fail(`an instance of ${name || "an unknown class"}, which is not in the snapshot registry`);
    }
    return out;
  }

  return encode(ds);
}

/**
 * Rebuilds the dataset written by `datasetToPlain` (after v8.serialize and v8.deserialize).
 * `intern` returns one string object per distinct value: a deserializer makes a new copy of every
 * string (contact ids appear as keys and in lists), where the live dataset shared them.
 */
export function datasetFromPlain(plain: unknown, intern: (s: string) => string = (s) => s): ColumnarDataset {
  const memo = new Map<unknown[], unknown>();
  const fail = (what: string): never => {
    throw new Error(`dataset snapshot: not a snapshot of this version (${what})`);
  };
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : fail("expected a list"));

  // A deserializer may hand out typed arrays that are views into its whole input (Node's does):
  // copies hold just their own bytes, so the input can be freed.
  const copies = new Map<ArrayBufferView, unknown>();
  const own = (view: ArrayBufferView): unknown => {
    let copy = copies.get(view);
    if (copy === undefined) {
      copy = (view as Uint8Array).slice();
      copies.set(view, copy);
    }
    return copy;
  };

  function decode(e: unknown): unknown {
    if (ArrayBuffer.isView(e)) return own(e);
    if (typeof e === "string") return intern(e);
    if (typeof e !== "object" || e === null) return e;
    if (!Array.isArray(e)) return fail("an untagged object");
    const known = memo.get(e);
    if (known !== undefined) return known;
    const [tag, a, b] = e as [unknown, unknown, unknown];
    switch (tag) {
      case "a": {
        const out: unknown[] = [];
        memo.set(e, out);
        for (const x of list(a)) out.push(decode(x));
        return out;
      }
      case "o":
      case "n": {
        const out: Record<string, unknown> = tag === "n" ? Object.create(null) : {};
        memo.set(e, out);
        const kv = list(a);
        for (let k = 0; k < kv.length; k += 2) {
          const key = typeof kv[k] === "string" ? (kv[k] as string) : fail("a non-string key");
          // Not `out[key] = ...`: a JSON key "__proto__" must stay an own property.
          Object.defineProperty(out, key, {
            value: decode(kv[k + 1]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      case "m": {
        const out = new Map<unknown, unknown>();
        memo.set(e, out);
        const kv = list(a);
        for (let k = 0; k < kv.length; k += 2) out.set(decode(kv[k]), decode(kv[k + 1]));
        return out;
      }
      case "s": {
        const out = new Set<unknown>();
        memo.set(e, out);
        for (const x of list(a)) out.add(decode(x));
        return out;
      }
      case "c": {
        const spec = byName.get(a as string) ?? fail(`unknown class ${String(a)}`);
        const out = Object.create(spec.prototype) as Record<string, unknown>;
        memo.set(e, out);
        // Field names are stored so that a snapshot of another code version fails here.
        const kv = list(b);
        const names = kv.filter((_, k) => k % 2 === 0).join();
        const expected = spec.fields.filter((f) => isStored(spec, f)).join();
        if (names !== expected) fail(`${spec.name} has fields ${names}, expected ${expected}`);
        let value = 1;
        for (const field of spec.fields) {
          if (!isStored(spec, field)) out[field] = spec.transient[field]();
          else {
            out[field] = decode(kv[value]);
            value += 2;
          }
        }
        return out;
      }
      default:
        return fail(`unknown tag ${String(tag)}`);
    }
  }

  const ds = decode(plain);
  return ds instanceof ColumnarDataset ? ds : fail("the root is not a dataset");
}
