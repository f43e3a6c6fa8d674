/** SQL text for constants in generated view definitions (never for data: data goes as parameters). */

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export function sqlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}

export function sqlJsonb(value: unknown): string {
  return `${sqlString(JSON.stringify(value))}::jsonb`;
}

/** A view's name for a segment id (kebab-case ids become snake_case identifiers). */
export function viewName(segmentId: string): string {
  const name = `mv_${segmentId.replaceAll("-", "_")}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`segment id ${segmentId} makes no plain SQL identifier`);
  return name;
}
