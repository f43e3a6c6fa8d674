/**
 * Message ids applied in memory that a store lookup may have missed: a call's lookup is issued
 * when it is queued, and the turns applied or committed after that are not in its answer. A
 * lookup stamped with `durableTurns` saw every turn up to that number; the ids of later turns are
 * kept here until no queued lookup is older than their commit.
 */
export class RecentIds {
  private readonly turnOf = new Map<string, number>();
  /** Turns in order, each with the ids it applied. */
  private readonly turns: { turn: number; ids: string[] }[] = [];
  private lastTurn = 0;
  private durable = 0;

  /** The stamp of a lookup issued now: turns up to this number were durable before it. */
  get durableTurns(): number {
    return this.durable;
  }

  /** Starts the next turn's record of ids (`claim`); returns its number. */
  begin(): number {
    const turn = ++this.lastTurn;
    this.turns.push({ turn, ids: [] });
    return turn;
  }

  /**
   * Takes `id` for the turn last begun: false when a kept turn, that one included, applied it
   * already (one lookup and one write per id, where a check, a set of the turn's own ids and a
   * copy of it into the map took five).
   */
  claim(id: string): boolean {
    const last = this.turns.at(-1);
    if (last === undefined) throw new Error("claim needs a turn begun");
    if (this.turnOf.has(id)) return false;
    this.turnOf.set(id, last.turn);
    last.ids.push(id);
    return true;
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
