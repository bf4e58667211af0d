import { getDb } from "@/lib/db";
import { on } from "@/lib/realtime/bus";
import { runTopic } from "@/lib/runs/events";
import { listRunEvents } from "@/lib/runs/queries";
import { toRunEventView } from "@/lib/runs/views";

const FINAL_EVENTS = new Set(["run.succeeded", "run.failed", "run.cancelled"]);

/**
 * Tail a run's events from `afterSeq`: replay what is stored, then send new events as they are written (woken by
 * the bus, with a slow poll as a safety net). Ends after the run's final event.
 */
export function tailRunEvents(
  runId: string,
  afterSeq: number,
  send: (event: string, data: string, id?: string) => boolean,
  close: () => void,
): () => void {
  let last = afterSeq;
  let busy = false;
  let again = false;
  let stopped = false;
  const pump = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        for (;;) {
          const events = await listRunEvents(getDb(), runId, last, 500);
          for (const e of events) {
            if (stopped || !send("run-event", JSON.stringify(toRunEventView(e)), String(e.seq))) return stop();
            last = e.seq;
            if (FINAL_EVENTS.has(e.type)) {
              send("end", JSON.stringify({ lastSeq: last }));
              stop();
              // Let the last frames leave before the response ends.
              setTimeout(close, 50);
              return;
            }
          }
          if (events.length < 500) break;
        }
      } while (again && !stopped);
    } finally {
      busy = false;
    }
  };
  const off = on(runTopic(runId), () => void pump());
  const poll = setInterval(() => void pump(), 1000);
  const stop = () => {
    stopped = true;
    off();
    clearInterval(poll);
  };
  void pump();
  return stop;
}
