import type { StoredContact } from "../../store/records.ts";
import type { Catalog } from "./catalog-schemas.ts";
import { FieldStats } from "./field-stats.ts";

/** Object traits are followed this deep for module fields (`a.b.c`). */
const MAX_PATH_DEPTH = 3;

interface EventStats {
  count: number;
  contacts: number;
  properties: Map<string, FieldStats>;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function stats(map: Map<string, FieldStats>, name: string): FieldStats {
  const known = map.get(name);
  if (known !== undefined) return known;
  const made = new FieldStats();
  map.set(name, made);
  return made;
}

/** Accumulates what a builder offers from stored contacts, one at a time. */
export class CatalogBuilder {
  contacts = 0;
  events = 0;
  private readonly properties = new Map<string, FieldStats>();
  private readonly moduleFields = new Map<string, FieldStats>();
  private readonly eventStats = new Map<string, EventStats>();
  private readonly scores = new Map<string, { contacts: number; min: number; max: number }>();

  add(c: StoredContact): void {
    this.contacts++;
    for (const t of c.traits) {
      if (t.value === null) continue;
      stats(t.key.includes(".") ? this.moduleFields : this.properties, t.key).add(t.value);
      this.addPaths(t.key, t.value, 1);
    }
    for (const s of c.scores) {
      const known = this.scores.get(s.score) ?? { contacts: 0, min: s.value, max: s.value };
      known.contacts++;
      known.min = Math.min(known.min, s.value);
      known.max = Math.max(known.max, s.value);
      this.scores.set(s.score, known);
    }
    const did = new Set<string>();
    for (const e of c.events) {
      this.events++;
      const es = this.eventStats.get(e.event) ?? {
        count: 0,
        contacts: 0,
        properties: new Map<string, FieldStats>(),
      };
      this.eventStats.set(e.event, es);
      es.count++;
      if (!did.has(e.event)) es.contacts++;
      did.add(e.event);
      for (const [key, value] of Object.entries(e.properties)) stats(es.properties, key).add(value);
    }
  }

  build(complete: boolean): Catalog {
    const fields = (map: Map<string, FieldStats>) =>
      [...map].map(([name, s]) => ({ ...s.view(name), contacts: s.seen })).sort(byName);
    return {
      properties: fields(this.properties),
      events: [...this.eventStats]
        .map(([name, e]) => ({
          name,
          count: e.count,
          contacts: e.contacts,
          properties: [...e.properties].map(([key, s]) => ({ ...s.view(key), count: s.seen })).sort(byName),
        }))
        .sort(byName),
      scores: [...this.scores].map(([name, s]) => ({ name, ...s })).sort(byName),
      module_fields: fields(this.moduleFields).map((f) => ({ ...f, module: f.name.split(".")[0] })),
      sample: { contacts: this.contacts, events: this.events, complete },
    };
  }

  /** Paths into an object trait (`referrals` → `referrals.count`), as rules can name them. */
  private addPaths(prefix: string, value: unknown, depth: number): void {
    if (depth > MAX_PATH_DEPTH || value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const path = `${prefix}.${key}`;
      if (v !== null) stats(this.moduleFields, path).add(v);
      this.addPaths(path, v, depth + 1);
    }
  }
}
