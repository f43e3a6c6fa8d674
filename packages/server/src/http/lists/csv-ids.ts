import { HttpProblem } from "../errors/http-errors.ts";

/** A first row whose first cell is one of these is a header, not an id. */
const HEADERS = new Set(["id", "contact_id"]);

/**
 * The ids of a `text/csv` list upload (RFC 4180): the first cell of every row, exactly as
 * written (quotes undone, no trimming). Blank rows and a header row are skipped. The result is
 * checked like a JSON body's `ids`.
 * @example idsFromCsv('contact_id,since\r\nu1,x\r\n"u,2"\r\n') // ["u1", "u,2"]
 */
export function idsFromCsv(text: string): string[] {
  const rows = firstCells(text.startsWith("\uFEFF") ? text.slice(1) : text);
  if (rows.length > 0 && rows[0] !== undefined && HEADERS.has(rows[0])) rows.shift();
  return rows.filter((id): id is string => id !== undefined);
}

/** Each row's first cell; undefined for a blank row. */
function firstCells(text: string): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let i = 0;
  while (i < text.length) {
    const { value, end } = readCell(text, i);
    let j = end;
    // The rest of the row: other cells are skipped, quotes respected.
    while (j < text.length && text[j] === ",") j = readCell(text, j + 1).end;
    out.push(value === "" && j === end ? undefined : value);
    i = text.startsWith("\r\n", j) ? j + 2 : j + 1;
  }
  return out;
}

function readCell(text: string, start: number): { value: string; end: number } {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && !",\r\n".includes(text[end])) end++;
    return { value: text.slice(start, end), end };
  }
  let value = "";
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0)
      throw new HttpProblem("malformed-body", `the CSV body has an unclosed quote (at character ${start})`);
    value += text.slice(i, quote);
    if (text[quote + 1] !== '"') {
      const end = quote + 1;
      if (end < text.length && !",\r\n".includes(text[end])) {
        throw new HttpProblem(
          "malformed-body",
          `the CSV body has text after a closing quote (at character ${end})`,
        );
      }
      return { value, end };
    }
    value += '"';
    i = quote + 2;
  }
}
