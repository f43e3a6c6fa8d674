/** What a pipeline reports as it works (the HTTP layer turns it into Prometheus metrics). */
export interface PipelineObserver {
  /** A turn applied `messages` and fired `timers`, spending `evaluateSeconds` in memory. */
  turn(workspaceId: string, t: { messages: number; timers: number; evaluateSeconds: number }): void;
  /** A turn's transaction took this long to become durable. */
  commit(workspaceId: string, seconds: number): void;
  /** How late each fired timer was handled, in seconds after its instant. */
  timersLate(workspaceId: string, seconds: readonly number[]): void;
}
