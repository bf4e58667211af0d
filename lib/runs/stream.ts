import { getPool } from "@/lib/db";
import { on } from "@/lib/realtime/bus";
import { runTopic } from "@/lib/runs/events";
import { toRunEventView } from "@/lib/runs/views";

const FINAL_EVENTS = new Set(["run.succeeded", "run.failed", "run.cancelled"]);

// Every viewer reads after every wake-up, so the read goes to the pool directly: through the ORM it cost more CPU
// than the query, and that cost is added to every token's way to the browser (bench/runs-stream.bench.ts).
const EVENTS_AFTER = `SELECT seq, type, step_key AS "stepKey", data, created_at AS "createdAt"
FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;

async function eventsAfter(runId: string, afterSeq: number, limit: number) {
  const { rows } = await getPool().query<{ seq: number; type: string; stepKey: string | null; data: never; createdAt: Date }>(EVENTS_AFTER, [runId, afterSeq, limit]);
  return rows;
}

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
          const events = await eventsAfter(runId, last, 500);
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
