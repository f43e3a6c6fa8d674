import { z } from "zod";

// A tag inside the encoding, so that a string this API never gave out is refused, not misread.
const TAG = "c1:";
const MAX_CURSOR = 2048;

/** An opaque page cursor for the contact id a page ended with: base64url of a tagged id. */
export function encodeCursor(contactId: string): string {
  return Buffer.from(`${TAG}${contactId}`, "utf8").toString("base64url");
}

/** The contact id inside a cursor, or undefined when it is not one this API gave out. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  // Re-encoding catches bytes that were not UTF-8 and non-canonical spellings.
  if (!text.startsWith(TAG) || encodeCursor(text.slice(TAG.length)) !== cursor) return undefined;
  const id = text.slice(TAG.length);
  return id.length > 0 ? id : undefined;
}

/** A `cursor` as requests carry it (a previous page's `next_cursor`), read as the contact id. */
export const Cursor = z
  .string()
  .max(MAX_CURSOR, "is not a cursor this API gave out")
  .transform((s, ctx) => {
    const id = decodeCursor(s);
    if (id !== undefined) return id;
    ctx.addIssue({
      code: "custom",
      message: "is not a cursor this API gave out (use next_cursor)",
      input: s,
    });
    return z.NEVER;
  })
  .describe("A previous page's next_cursor");
