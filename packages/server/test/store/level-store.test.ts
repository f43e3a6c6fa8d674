import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LevelStore } from "../../src/store/level/index.ts";
import { storeConformance } from "./conformance.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-level-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dirs = 0;

storeConformance("leveldb", async () => new LevelStore({ path: join(dir, `store-${++dirs}`) }));

describe("LevelStore", () => {
  it("refuses a second store on a database this process has open, and opens it again once closed", async () => {
    const path = join(dir, "shared");
    const first = new LevelStore({ path });
    await first.migrate();
    const second = new LevelStore({ path });
    await expect(second.migrate()).rejects.toThrow(/already open in this process/);
    await second.close();
    await first.createWorkspace({ id: "w1", name: "W", apiKeyHash: "h1", createdAt: 1 });
    await first.close();
    const again = new LevelStore({ path });
    await again.migrate();
    expect((await again.listWorkspaces()).map((w) => w.id)).toEqual(["w1"]);
    await again.close();
  });
});
