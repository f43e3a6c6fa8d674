import type { IngestMessage } from "../../runtime/ingest-message.ts";
import type { ParsedMessage } from "./message-schemas.ts";

/** Event names that page and screen calls are stored under (docs/api-notes.md). */
export const PAGE_EVENT = "page_viewed";
export const SCREEN_EVENT = "screen_viewed";

export interface Converted {
  messages: IngestMessage[];
  /** Accepted but not stored: unknown types, and messages with no userId (anonymous). */
  ignored: number;
}

/**
 * Turns validated messages into the pipeline's form, in order. A message without `timestamp`
 * takes its `originalTimestamp` (RudderStack), else the receive time.
 */
export function toIngestMessages(parsed: readonly ParsedMessage[], receivedAt: number): Converted {
  const messages: IngestMessage[] = [];
  for (const m of parsed) {
    const converted = convert(m, receivedAt);
    if (converted !== undefined) messages.push(converted);
  }
  return { messages, ignored: parsed.length - messages.length };
}

function convert(m: ParsedMessage, receivedAt: number): IngestMessage | undefined {
  if (m.type === "other" || m.userId === undefined) return undefined;
  const base = {
    userId: m.userId,
    timestamp: m.timestamp ?? m.originalTimestamp ?? receivedAt,
    ...(m.messageId === undefined ? {} : { messageId: m.messageId }),
  };
  switch (m.type) {
    case "identify":
      return { type: "identify", ...base, traits: m.traits ?? {} };
    case "track":
      return { type: "track", ...base, event: m.event, properties: m.properties ?? {} };
    case "score":
      return { type: "score", ...base, score: m.score, value: m.value };
    case "page":
      return {
        type: "track",
        ...base,
        event: PAGE_EVENT,
        properties: named(m.properties, m.name, m.category),
      };
    case "screen":
      return { type: "track", ...base, event: SCREEN_EVENT, properties: named(m.properties, m.name) };
  }
}

/** The call's name and category as properties, unless the properties already carry them. */
function named(properties: Record<string, unknown> = {}, name?: string, category?: string) {
  return {
    ...(name === undefined ? {} : { name }),
    ...(category === undefined ? {} : { category }),
    ...properties,
  };
}
