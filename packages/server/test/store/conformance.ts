import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { atomicityTests } from "./conformance/atomicity.ts";
import { changeLogTests } from "./conformance/change-log.ts";
import { contactFactsTests } from "./conformance/contact-facts.ts";
import { deletionTests } from "./conformance/deletions.ts";
import type { Harness } from "./conformance/harness.ts";
import { idempotencyTests } from "./conformance/idempotency.ts";
import { isolationTests } from "./conformance/isolation.ts";
import { membershipAtTests } from "./conformance/membership-at.ts";
import { membershipTests } from "./conformance/memberships.ts";
import { messageTests } from "./conformance/messages.ts";
import { schemaAndCatalogTests } from "./conformance/schema-and-catalog.ts";
import { streamContactsTests } from "./conformance/stream-contacts.ts";
import { webhookTests } from "./conformance/webhooks.ts";

/**
 * The contract of the `Store` port, written once and run by every adapter's test file:
 * `storeConformance("sqlite", () => Promise.resolve(new SqliteStore({ path: ":memory:" })))`.
 * Each test gets a freshly opened store (then migrated), closed after it by `close` (default:
 * `store.close()`); tests create their own workspaces, so an adapter may share one database.
 */
export function storeConformance(
  name: string,
  open: () => Promise<Store>,
  close?: (s: Store) => Promise<void>,
): void {
  describe(`Store conformance: ${name}`, () => {
    let current: Store | undefined;
    const harness: Harness = {
      get store(): Store {
        if (current === undefined) throw new Error("no store open: use it inside a test");
        return current;
      },
    };

    beforeEach(async () => {
      current = await open();
      await current.migrate();
    });

    afterEach(async () => {
      const store = current;
      current = undefined;
      if (store !== undefined) await (close ?? ((s: Store) => s.close()))(store);
    });

    schemaAndCatalogTests(harness);
    contactFactsTests(harness);
    deletionTests(harness);
    streamContactsTests(harness);
    atomicityTests(harness);
    changeLogTests(harness);
    membershipAtTests(harness);
    membershipTests(harness);
    messageTests(harness);
    isolationTests(harness);
    webhookTests(harness);
    idempotencyTests(harness);
  });
}
