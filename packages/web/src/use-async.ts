import { type DependencyList, useCallback, useEffect, useState } from "react";

export type Async<T> = { data?: T; error?: Error; loading: boolean; reload: () => void };

/** Loads `fn()` when the deps change; `reload` runs it again and keeps the old data meanwhile. */
export function useAsync<T>(fn: () => Promise<T>, deps: DependencyList): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when fn changes
  const run = useCallback(fn, deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how `reload` asks for a new run
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
