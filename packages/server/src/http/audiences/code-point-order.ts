/**
 * Compares strings by Unicode code point, which is the byte order of their UTF-8: the order
 * both stores sort ids in (SQLite BINARY, PostgreSQL COLLATE "C"). JavaScript's `<` compares
 * UTF-16 units, which puts U+E000..U+FFFF after the astral planes.
 * @example compareCodePoints("\uffff", "😀") < 0 // while "\uffff" > "😀"
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) move above U+E000..U+FFFF; the order within each is kept. */
function rank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
