import type { RunEvent } from "@/lib/runs/client/types";

/** The text a step's model call has streamed so far, for its latest attempt. */
export interface StreamedAnswer {
  attempt: number;
  text: string;
  chunks: number;
}

type Listener = () => void;

const FINAL_RUN_EVENTS = new Set(["run.succeeded", "run.failed", "run.cancelled"]);

/**
 * What a page rendered on the server hands the browser instead of making it replay the whole log over the stream:
 * the non-token events, each step's streamed answer so far, and the seq the stream resumes after.
 */
export interface RunEventSnapshot {
  events: RunEvent[];
  answers: [string, StreamedAnswer][];
  lastSeq: number;
}

/**
 * The client's copy of a run's event log, fed in batches (one per animation frame) from the SSE stream.
 *
 * Token events are not kept as events: their text is appended to the step's answer for its attempt, and a new
 * attempt starts that step's answer afresh. Everything else is kept in seq order. Versions let React subscribe to
 * just what it shows: `eventsVersion` changes only when a non-token event arrives (the timeline and the event
 * list), `stepVersion(step)` only when that step's streamed text changes (its code view). Replayed events (a
 * reconnect, a second stream) are dropped by seq.
 */
export class RunEventStore {
  private list: RunEvent[] = [];
  private answers = new Map<string, StreamedAnswer>();
  private stepVersions = new Map<string, number>();
  private listeners = new Set<Listener>();
  lastSeq = 0;
  eventsVersion = 0;
  /** Whether the run's final event (run.succeeded / failed / cancelled) has been seen. */
  finished = false;

  /** Non-token events, in seq order; a new array after every change (safe to memoize on). */
  get events(): readonly RunEvent[] {
    return this.list;
  }

  /** A store that already holds a snapshot (see `snapshot()`). */
  static from(snapshot: RunEventSnapshot): RunEventStore {
    const store = new RunEventStore();
    store.list = snapshot.events;
    store.answers = new Map(snapshot.answers);
    for (const [step] of snapshot.answers) store.stepVersions.set(step, 1);
    store.lastSeq = snapshot.lastSeq;
    store.finished = snapshot.events.some((e) => FINAL_RUN_EVENTS.has(e.type));
    if (snapshot.events.length) store.eventsVersion = 1;
    return store;
  }

  /** The store's state, to send to a browser; `lastSeq` is the last seq of the log it was read from (tokens left out included). */
  snapshot(lastSeq = this.lastSeq): RunEventSnapshot {
    return { events: [...this.list], answers: [...this.answers], lastSeq: Math.max(lastSeq, this.lastSeq) };
  }

  stepVersion = (step: string): number => this.stepVersions.get(step) ?? 0;

  answer(step: string): StreamedAnswer | null {
    return this.answers.get(step) ?? null;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * Apply a batch of events and notify subscribers once. Returns what changed: whether non-token events arrived,
   * which steps' answers changed, and the types seen (so the caller can refresh what depends on them).
   */
  apply(batch: readonly RunEvent[]): { eventsChanged: boolean; steps: Set<string>; types: Set<string> } {
    const steps = new Set<string>();
    const types = new Set<string>();
    const added: RunEvent[] = [];
    const sorted = batch.length > 1 && batch.some((e, i) => i > 0 && e.seq < batch[i - 1].seq) ? [...batch].sort((a, b) => a.seq - b.seq) : batch;
    for (const e of sorted) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      types.add(e.type);
      if (FINAL_RUN_EVENTS.has(e.type)) this.finished = true;
      if (e.step && (e.type === "token" || e.type === "step.started")) {
        const attempt = typeof e.data?.attempt === "number" ? e.data.attempt : 1;
        const current = this.answers.get(e.step);
        if (e.type === "step.started") {
          // A new attempt streams its answer from the start.
          if (!current || attempt > current.attempt) {
            this.answers.set(e.step, { attempt, text: "", chunks: 0 });
            steps.add(e.step);
          }
        } else {
          const text = typeof e.data?.text === "string" ? e.data.text : "";
          if (!current || attempt > current.attempt) this.answers.set(e.step, { attempt, text, chunks: 1 });
          else if (attempt === current.attempt) this.answers.set(e.step, { attempt, text: current.text + text, chunks: current.chunks + 1 });
          else continue; // a late chunk of an attempt already replaced
          steps.add(e.step);
        }
        if (e.type === "token") continue;
      }
      added.push(e);
    }
    if (added.length) {
      this.list = this.list.concat(added);
      this.eventsVersion += 1;
    }
    for (const s of steps) this.stepVersions.set(s, (this.stepVersions.get(s) ?? 0) + 1);
    if (added.length || steps.size) for (const l of this.listeners) l();
    return { eventsChanged: added.length > 0, steps, types };
  }
}
