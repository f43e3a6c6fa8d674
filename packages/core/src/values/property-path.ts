/**
 * Reads a property by name: first as a literal key (`"referrals.count"`), then as a dot path into
 * nested objects (`{ referrals: { count: 2 } }`). Returns `undefined` when absent; `null` counts as absent.
 * @example lookupProperty({ referrals: { count: 2 } }, "referrals.count") // 2
 */
export function lookupProperty(obj: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name] ?? undefined;
  if (!name.includes(".")) return undefined;
  let cur: unknown = obj;
  for (const part of name.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, part)) {
      return undefined;
    }
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur ?? undefined;
}

/** The top-level keys a property name can read: itself, and the head of its dot path. */
export function topLevelKeys(name: string): string[] {
  const dot = name.indexOf(".");
  return dot < 0 ? [name] : [name, name.slice(0, dot)];
}
