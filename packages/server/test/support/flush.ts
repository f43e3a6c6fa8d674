import type { FakeClock } from "../../src/clock/fake-clock.ts";
import type { Workspace } from "../../src/service/workspace.ts";

/** Waits until the workspace's pipeline has committed everything queued and everything due. */
export async function settle(workspace: Workspace): Promise<void> {
  await workspace.pipeline.exclusive(() => {});
}

/**
 * Moves the fake clock to `to` one timer at a time, letting the pipeline commit at each instant,
 * as the real clock would: every change is recorded at the instant it falls due.
 */
export async function advanceTo(clock: FakeClock, workspace: Workspace, to: number): Promise<void> {
  for (;;) {
    const next = clock.pending()[0];
    if (next === undefined || next > to) break;
    clock.advanceTo(next);
    await settle(workspace);
  }
  clock.advanceTo(to);
  await settle(workspace);
}
