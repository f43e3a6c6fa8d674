import { useEffect, useState } from "react";
import type { Api } from "../api/client.ts";
import type { Preview, SegmentPreview } from "../api/types.ts";

/** Well inside the 500 ms an edit may take to show its count, yet one call per burst of typing. */
const DEBOUNCE_MS = 250;

export type LiveCount =
  | { state: "idle" }
  | { state: "loading"; last?: Preview }
  | { state: "done"; preview: Preview; edit?: SegmentPreview }
  | { state: "error"; message: string };

/**
 * The count of a rule being edited, refreshed after each pause in editing; for a saved segment
 * also who the edit would add and remove. A newer edit cancels the older call.
 */
export function useLiveCount(api: Api, rule: unknown, valid: boolean, segmentId?: string): LiveCount {
  const [count, setCount] = useState<LiveCount>({ state: "idle" });
  const key = JSON.stringify(rule);

  useEffect(() => {
    if (!valid) {
      setCount({ state: "idle" });
      return;
    }
    const abort = new AbortController();
    setCount((c) => ({
      state: "loading",
      last: c.state === "done" ? c.preview : c.state === "loading" ? c.last : undefined,
    }));
    const timer = setTimeout(async () => {
      try {
        const parsed = JSON.parse(key);
        const [preview, edit] = await Promise.all([
          api.preview(parsed, abort.signal),
          segmentId === undefined ? undefined : api.previewEdit(segmentId, parsed, abort.signal),
        ]);
        setCount({ state: "done", preview, edit });
      } catch (e) {
        if (!abort.signal.aborted) setCount({ state: "error", message: (e as Error).message });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, key, valid, segmentId]);

  return count;
}
