import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { FakeClock } from "../../../src/clock/fake-clock.ts";
import type { Store } from "../../../src/store/store.ts";
import type { TestStore } from "./store-matrix.ts";
import { T0, type TestApp, type TestAppOptions } from "./test-app.ts";

/** The app of the running test, on a fake clock the test moves. */
export interface LiveTestApp extends TestApp {
  readonly clock: FakeClock;
}

export interface UseTestAppOptions extends TestAppOptions {
  /** The fake clock's start (default T0); called per app. */
  at?: () => number;
  /** One app for every test of the describe, instead of one per test. */
  once?: boolean;
  /** The store as the app sees it (to inject failures). */
  wrapStore?: (store: Store) => Store;
  /** Seeds each new app (segments, contacts) before its tests run. */
  setup?: (t: LiveTestApp) => Promise<unknown>;
}

/**
 * The app setup every HTTP suite repeats: inside a describe, starts an app on `backend` before
 * each test (or once) and closes it after. The object returned always shows the current app,
 * so `t.app.inject(...)` and `client(t)` can be written once at the describe's level.
 */
export function useTestApp(backend: TestStore, options: UseTestAppOptions = {}): LiveTestApp {
  let current: { app: TestApp; clock: FakeClock } | undefined;
  const now = (): { app: TestApp; clock: FakeClock } => {
    if (current === undefined) throw new Error("useTestApp: the app exists inside tests only");
    return current;
  };
  const live: LiveTestApp = {
    get app() {
      return now().app.app;
    },
    get service() {
      return now().app.service;
    },
    get store() {
      return now().app.store;
    },
    get a() {
      return now().app.a;
    },
    get b() {
      return now().app.b;
    },
    get clock() {
      return now().clock;
    },
    close: () => now().app.close(),
  };
  const start = async () => {
    const clock = new FakeClock(options.at?.() ?? T0);
    const { rateLimit, webhooks } = options;
    current = { app: await backend.start(clock, { rateLimit, webhooks }, options.wrapStore), clock };
    await options.setup?.(live);
  };
  const stop = async () => {
    const app = current?.app;
    current = undefined;
    await app?.close();
  };
  if (options.once) {
    beforeAll(start);
    afterAll(stop);
  } else {
    beforeEach(start);
    afterEach(stop);
  }
  return live;
}
