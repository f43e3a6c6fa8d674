/**
 * How long a create or update call waits for a backfill before it answers with the segment
 * still `computing` (API.md: computed before it answers, or marked computing until done).
 */
export const COMPUTE_WAIT_MS = 2_000;

/** `done`'s value if it settles within `ms`, else undefined; a rejection within `ms` is thrown. */
export async function settleWithin<T>(done: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
