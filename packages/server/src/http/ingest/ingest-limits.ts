import { LIMITS } from "@growthos/segments-core";

/** What one ingestion call may carry (API.md: up to 10,000 messages and 16 MiB per batch). */
export const INGEST_LIMITS = {
  batchMessages: 10_000,
  batchBytes: 16 * 1024 * 1024,
  /** userId, messageId. */
  idLength: 256,
  /** Event and score names: the names rules refer to. */
  nameLength: LIMITS.maxNameLength,
} as const;
