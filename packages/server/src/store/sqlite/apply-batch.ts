import type { WriteBatch } from "../write-batch.ts";
import type { StatementCache } from "./statement-cache.ts";
import { writeDefinitions } from "./write-definitions.ts";
import { writeDeletions } from "./write-deletions.ts";
import { writeFacts } from "./write-facts.ts";
import { appendChanges, writeMemberships } from "./write-memberships.ts";

const countCommit = `INSERT INTO workspace_commits (ws, commits) VALUES (?, 1)
  ON CONFLICT (ws) DO UPDATE SET commits = commits + 1`;

/**
 * Applies a batch; the caller runs it inside one transaction, so a throw anywhere undoes it all.
 * Order: segment and list definitions, facts, memberships, changes, then deletions (a batch's
 * end state has what it deletes gone, whatever else it wrote about it).
 */
export function applyBatch(s: StatementCache, b: WriteBatch): { firstSeq: number; lastSeq: number } | null {
  s.get<[string]>(countCommit).run(b.workspaceId);
  writeDefinitions(s, b);
  writeFacts(s, b);
  writeMemberships(s, b);
  const seq = appendChanges(s, b);
  writeDeletions(s, b);
  return seq;
}
