import { setTimeout as sleep } from "node:timers/promises";
import type { IngestMessage } from "../../packages/server/src/runtime/ingest-message.ts";
import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import type { Store } from "../../packages/server/src/store/store.ts";
import { LiveTraffic } from "./bench-messages.ts";
import { WAVE_EVENT, WAVE_SEGMENT_ID, WAVE_WINDOW_MS } from "./bench-segments.ts";
import { readChanges } from "./change-latency.ts";
import { type CommitLog, epochNow } from "./commit-log.ts";
import { maxAckGap, probeSend } from "./paced-sender.ts";
import { type PhaseWatch, watchPhase } from "./phase-watch.ts";
import { type Distribution, distribution } from "./stats.ts";

/** Due instants are spread over one second: contact i is due at waveStart + (i mod 1000) ms. */
const SPREAD_MS = 1000;
/** The probe starts this long before the first due instant and stops this long after the last firing. */
const MARGIN_MS = 1000;
const TAIL_MS = 500;
const MAX_WAVE_MS = 300_000;

export interface WaveOptions {
  contacts: number;
  /** Time to allow for sending every contact its wave event before the first one falls due. */
  leadMs: number;
  /** The concurrent probe: one batch of `batch` messages outstanding at a time. */
  probe: { batch: number; stream: number; seed: number };
  log: (line: string) => void;
}

/** The wave's figures; `gc` and `turns` are those of the time the probe ran. */
export interface WaveFigures extends PhaseWatch {
  /** Contacts that entered the wave segment, and exits recorded after their due instant. */
  entered: number;
  exits: number;
  /** Exits recorded before their due instant (must be 0). */
  early: number;
  /** From the due instant to the durable commit of the exit (seen by onCommit), ms. */
  late: Distribution;
  /** From the due instant to the pipeline turn that evaluated the exit (its `at`), ms. */
  evaluatedLate: Distribution;
  /** From the first due instant to the commit of the last exit, ms. */
  drainMs: number;
  /** Time taken to send the wave's events, and whether they were all in before the first due instant. */
  sendMs: number;
  sentInTime: boolean;
  /** The probe's acknowledgement waits from the first due instant to the end of the wave, ms. */
  stall: Distribution;
  /** The probe's longest gap between acknowledgements (its whole run), ms. */
  maxAckGapMs: number;
  /** The probe's acknowledgement waits in the second before the wave, for comparison, ms. */
  before: Distribution;
}

/**
 * The timer wave: every contact does the wave event with a timestamp chosen so that its exit
 * from `event webinar.joined within_last 1 minute` falls due within the same second for all of
 * them; a probe sender keeps ingesting through the wave to see how long ingestion stalls.
 */
export async function timerWave(
  workspace: Workspace,
  store: Store,
  commits: CommitLog,
  o: WaveOptions,
): Promise<WaveFigures> {
  const seqBefore = await store.lastSeq(workspace.id);
  const waveStart = Math.ceil((epochNow() + o.leadMs) / 1000) * 1000;
  const sendStart = epochNow();
  await sendWaveEvents(workspace, o.contacts, waveStart);
  const sendMs = epochNow() - sendStart;
  const sentInTime = epochNow() < waveStart - MARGIN_MS;
  o.log(
    `timer wave: ${o.contacts} events sent in ${Math.round(sendMs)} ms; due from ${new Date(waveStart).toISOString()}`,
  );
  const wait = waveStart - MARGIN_MS - epochNow();
  if (wait > 0) await sleep(wait);

  const waveEnd = waveStart + SPREAD_MS - 1;
  let firedAt: number | undefined;
  const timers = workspace.runtime.timers;
  const done = () => {
    const now = epochNow();
    if (firedAt === undefined && now > waveEnd && (timers.peek() ?? Number.POSITIVE_INFINITY) > waveEnd)
      firedAt = now;
    return firedAt !== undefined && now > firedAt + TAIL_MS;
  };
  const traffic = new LiveTraffic(o.probe.stream, o.contacts, o.probe.seed);
  const giveUp = epochNow() + MAX_WAVE_MS;
  const watch = watchPhase(workspace.pipeline);
  const batches = await probeSend(workspace, traffic, {
    batch: o.probe.batch,
    done: () => done() || epochNow() > giveUp,
  });
  const { gc, turns } = watch.stop();

  const changes = await readChanges(store, workspace.id, seqBefore, WAVE_SEGMENT_ID);
  const late: number[] = [];
  const evaluatedLate: number[] = [];
  let entered = 0;
  let early = 0;
  let lastCommit = waveStart;
  for (const ch of changes) {
    if (ch.change === "entered") {
      entered++;
      continue;
    }
    const due = waveStart + (Number(ch.contactId.slice("user_".length)) % SPREAD_MS);
    const committed = commits.committedAt(ch.seq) ?? Number.NaN;
    if (ch.at < due) early++;
    late.push(committed - due);
    evaluatedLate.push(ch.at - due);
    lastCommit = Math.max(lastCommit, committed);
  }
  const during = batches.filter((b) => b.acked >= waveStart);
  return {
    entered,
    exits: late.length,
    early,
    late: distribution(late),
    evaluatedLate: distribution(evaluatedLate),
    drainMs: lastCommit - waveStart,
    sendMs,
    sentInTime,
    stall: distribution(during.map((b) => b.acked - b.intended)),
    maxAckGapMs: maxAckGap(batches),
    before: distribution(batches.filter((b) => b.acked < waveStart).map((b) => b.acked - b.intended)),
    gc,
    turns,
  };
}

/** Contact i's event is stamped so that it leaves the 1-minute window at waveStart + (i mod 1000) ms. */
async function sendWaveEvents(workspace: Workspace, contacts: number, waveStart: number): Promise<void> {
  const pending = new Set<Promise<unknown>>();
  for (let from = 0; from < contacts; from += 1000) {
    const batch: IngestMessage[] = [];
    for (let i = from; i < Math.min(contacts, from + 1000); i++) {
      batch.push({
        type: "track",
        userId: `user_${i}`,
        event: WAVE_EVENT,
        properties: { webinar_id: "w_launch" },
        // Leaves the window (t + 1 min < now) at exactly t + 60,001 ms.
        timestamp: waveStart - WAVE_WINDOW_MS - 1 + (i % SPREAD_MS),
        messageId: `wave:${i}`,
      });
    }
    const p = workspace.ingest(batch);
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => {});
    if (pending.size >= 4) await Promise.race(pending);
  }
  await Promise.all(pending);
}
