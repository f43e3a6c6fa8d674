/** Tunables of `GET /v1/stream`; the defaults suit production, tests shorten them. */
export interface StreamSettings {
  /** A comment line after this long without writing (ms, on the app's clock). */
  heartbeatMs: number;
  /** Re-reads the log this often without a local commit (another node may have written). */
  pollMs: number;
  /** Changes read (and written to the socket) per step: at most this much is buffered. */
  pageSize: number;
  /** The reconnect delay suggested to clients (`retry:`). */
  retryMs: number;
  /** On shutdown, how long a stream may take to flush before it is cut (ms, wall time). */
  closeGraceMs: number;
}

export const STREAM_DEFAULTS: StreamSettings = {
  heartbeatMs: 15_000,
  pollMs: 1_000,
  pageSize: 200,
  retryMs: 3_000,
  closeGraceMs: 1_000,
};
