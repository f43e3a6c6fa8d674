// Cells a spreadsheet would run as a formula (OWASP's CSV injection list, as API.md gives it).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a value that starts like a formula is
 * prefixed with `'`; one holding a quote, comma or line break is quoted, quotes doubled.
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"
 * @example csvCell('a,"b"')    // '"a,""b"""'
 */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One CSV record, with the CRLF line ending RFC 4180 asks for. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
