/**
 * Message ids applied in memory that a store lookup may have missed: a call's lookup is issued
 * when it is queued, and the turns applied or committed after that are not in its answer. A
 * lookup stamped with `durableTurns` saw every turn up to that number; the ids of later turns are
 * kept here until no queued lookup is older than their commit.
 */
export class RecentIds {
  private readonly turnOf = new Map<string, number>();
  /** Turns in order, each with the ids it applied. */
  private readonly turns: { turn: number; ids: readonly string[] }[] = [];
  private lastTurn = 0;
  private durable = 0;

  /** The stamp of a lookup issued now: turns up to this number were durable before it. */
  get durableTurns(): number {
    return this.durable;
  }

  /** Whether a turn not yet durable when the oldest lookup was issued applied `id`. */
  has(id: string): boolean {
    return this.turnOf.has(id);
  }

  /** Records the ids a turn applied; returns the turn's number. */
  add(ids: readonly string[]): number {
    const turn = ++this.lastTurn;
    this.turns.push({ turn, ids });
    for (const id of ids) this.turnOf.set(id, turn);
    return turn;
  }

  /** The turn's commit is durable (turns commit in order). */
  committed(turn: number): void {
    this.durable = Math.max(this.durable, turn);
  }

  /** The turn was not stored (its commit failed or it was refused): its ids are free again. */
  forget(turn: number): void {
    const at = this.turns.findIndex((t) => t.turn === turn);
    if (at < 0) return;
    for (const id of this.turns[at].ids) if (this.turnOf.get(id) === turn) this.turnOf.delete(id);
    this.turns.splice(at, 1);
  }

  /** Drops the turns every outstanding lookup saw: those up to `oldestStamp`, the oldest one's stamp. */
  prune(oldestStamp: number): void {
    let n = 0;
    while (n < this.turns.length && this.turns[n].turn <= oldestStamp) {
      const { turn, ids } = this.turns[n++];
      for (const id of ids) if (this.turnOf.get(id) === turn) this.turnOf.delete(id);
    }
    if (n > 0) this.turns.splice(0, n);
  }
}
