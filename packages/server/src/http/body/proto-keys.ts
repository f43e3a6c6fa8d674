import { toJsonPointer } from "@growthos/segments-core";

// `"__proto__":`, with any of its characters written as \u escapes (as JSON allows).
const PROTO_KEY =
  /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:/;

/**
 * Where parsed JSON has an own `__proto__` key, as a JSON Pointer, or undefined. Such a key
 * turns into an object's prototype as soon as it is copied by assignment (zod's records do),
 * so it is refused outright. The text test keeps the walk off the normal path.
 */
export function protoKeyPointer(text: string, value: unknown): string | undefined {
  if (!PROTO_KEY.test(text)) return undefined;
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const v = item.value;
    if (v === null || typeof v !== "object") continue;
    if (Object.hasOwn(v, "__proto__")) return toJsonPointer([...item.path, "__proto__"]);
    for (const [key, child] of Object.entries(v)) stack.push({ value: child, path: [...item.path, key] });
  }
  return undefined;
}
