import type { WorkspacePipeline } from "../pipeline/workspace-pipeline.ts";
import type { IngestMessage } from "../runtime/ingest-message.ts";
import type { ListRecord } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { ConflictError, NotFoundError } from "./errors.ts";

/**
 * A workspace's static lists. Definitions are stored with the workspace; membership edits are
 * `list` messages applied in the pipeline (contacts added to a list that did not exist are
 * created), so segments reading a list follow every edit.
 */
export class WorkspaceLists {
  private readonly ids: Set<string>;

  constructor(
    private readonly workspaceId: string,
    private readonly store: Store,
    private readonly pipeline: WorkspacePipeline,
    ids: readonly string[],
    /** The segments whose rules read a list (a list is not deleted while any does). */
    private readonly readers: (listId: string) => string[],
  ) {
    this.ids = new Set(ids);
  }

  has(listId: string): boolean {
    return this.ids.has(listId);
  }

  /**
   * Saves a new list. Rule validation knows its id at once: a segment saved after this call is
   * queued behind the list in the pipeline.
   */
  async create(listId: string, name: string): Promise<ListRecord> {
    if (this.ids.has(listId)) throw new ConflictError(`list ${listId} already exists`);
    this.ids.add(listId);
    const record: ListRecord = { workspaceId: this.workspaceId, id: listId, name, createdAt: 0 };
    try {
      await this.pipeline.exclusive((batch, now) => {
        record.createdAt = now;
        batch.lists.push(record);
      });
    } catch (e) {
      this.ids.delete(listId);
      throw e;
    }
    return record;
  }

  /** Deletes a list and its memberships; refused while a segment reads it. */
  async delete(listId: string): Promise<void> {
    let deleted = false;
    try {
      await this.pipeline.exclusive((batch) => {
        this.require(listId);
        const readers = this.readers(listId);
        if (readers.length > 0) throw new ConflictError(`list ${listId} is used by ${readers.join(", ")}`);
        batch.deletedLists.push(listId);
        deleted = this.ids.delete(listId);
      });
    } catch (e) {
      if (deleted) this.ids.add(listId);
      throw e;
    }
  }

  /** Adds, then removes, contacts (removing an unknown contact does nothing). */
  async edit(listId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    await this.pipeline.exclusive((batch, now) => {
      this.require(listId);
      const runtime = this.pipeline.runtime;
      const known = remove.filter((id) => runtime.contacts.has(id));
      runtime.ingest([...edits(listId, add, true), ...edits(listId, known, false)], now, batch);
    });
  }

  /**
   * Makes `ids` the whole list. Finding the current members scans every stored contact inside
   * the pipeline (the store has no list-member read yet), so ingestion waits for it.
   */
  async replace(listId: string, ids: readonly string[]): Promise<void> {
    await this.pipeline.exclusive(async (batch, now) => {
      this.require(listId);
      const wanted = new Set(ids);
      const current = await this.members(listId);
      const add = [...wanted].filter((id) => !current.has(id));
      const remove = [...current].filter((id) => !wanted.has(id));
      this.pipeline.runtime.ingest(
        [...edits(listId, add, true), ...edits(listId, remove, false)],
        now,
        batch,
      );
    });
  }

  private async members(listId: string): Promise<Set<string>> {
    const found = new Set<string>();
    for await (const chunk of this.store.streamContacts(this.workspaceId)) {
      for (const c of chunk) if (c.lists.includes(listId)) found.add(c.id);
    }
    return found;
  }

  private require(listId: string): void {
    if (!this.ids.has(listId)) throw new NotFoundError("list", listId);
  }
}

function edits(list: string, ids: readonly string[], member: boolean): IngestMessage[] {
  return ids.map((userId) => ({ type: "list", userId, list, member }));
}
