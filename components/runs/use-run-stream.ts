"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { runPaths } from "@/lib/runs/client/api";
import { RunEventStore, type RunEventSnapshot } from "@/lib/runs/client/event-store";
import { runKeys } from "@/lib/runs/client/query-keys";
import type { RunEvent } from "@/lib/runs/client/types";

export type StreamState = "connecting" | "open" | "reconnecting" | "ended" | "failed";

const REFRESH_RUN = /^(run\.|step\.(succeeded|failed|cancelled|retrying|started))/;

/**
 * Follow a run's event stream. The page starts from the log it was rendered with and the stream goes on after its
 * last seq (a finished run's log is complete, so it opens no stream); a dropped connection resumes by itself after
 * the last event seen (EventSource sends Last-Event-ID). Events are applied in batches, one per animation frame, so
 * thousands of token events cost a few renders, not thousands.
 */
export function useRunStream(runId: string, slug: string, initial: RunEventSnapshot) {
  const [store] = useState(() => RunEventStore.from(initial));
  const [state, setState] = useState<StreamState>(() => (store.finished ? "ended" : "connecting"));
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (store.finished) return;
    let pending: RunEvent[] = [];
    let frame: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let refreshRun: ReturnType<typeof setTimeout> | null = null;
    let refreshModules: ReturnType<typeof setTimeout> | null = null;
    let closed = false;

    const later = (kind: "run" | "modules", ms: number) => {
      if (kind === "run") {
        refreshRun ??= setTimeout(() => {
          refreshRun = null;
          void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId), exact: true });
        }, ms);
      } else {
        refreshModules ??= setTimeout(() => {
          refreshModules = null;
          void queryClient.invalidateQueries({ queryKey: runKeys.modules(runId) });
        }, ms);
      }
    };

    const flush = () => {
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      frame = null;
      timer = null;
      if (!pending.length) return;
      const batch = pending;
      pending = [];
      const { types } = store.apply(batch);
      let run = false;
      for (const t of types) {
        if (t === "module.written") later("modules", 300);
        if (REFRESH_RUN.test(t)) run = true;
      }
      if (run) later("run", store.finished ? 0 : 700);
    };

    const schedule = () => {
      if (frame !== null || timer !== null) return;
      // A frame when the tab is visible; a timer as well, since hidden tabs get no frames.
      if (typeof document !== "undefined" && document.visibilityState === "visible") frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, 200);
    };

    const source = new EventSource(`${runPaths.stream(runId)}?lastEventId=${store.lastSeq}`);
    source.onopen = () => {
      if (!closed) setState("open");
      setError(null);
    };
    source.addEventListener("run-event", (m) => {
      try {
        pending.push(JSON.parse((m as MessageEvent<string>).data) as RunEvent);
      } catch {
        return;
      }
      schedule();
    });
    source.addEventListener("end", () => {
      closed = true;
      flush();
      source.close();
      setState("ended");
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(slug) });
    });
    source.addEventListener("error", (e) => {
      if (closed) return;
      // The server's own `error` event (the stream could not start) carries a message; a dropped connection does not.
      const data = (e as MessageEvent<string>).data;
      if (typeof data === "string" && data) {
        try {
          setError((JSON.parse(data) as { message?: string }).message ?? "The event stream failed.");
        } catch {
          setError("The event stream failed.");
        }
      }
      if (source.readyState === EventSource.CLOSED) {
        setState("failed");
        setError((prev) => prev ?? "Could not follow this run's events. Reload the page to try again.");
      } else {
        setState("reconnecting");
      }
    });

    return () => {
      closed = true;
      source.close();
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      if (refreshRun !== null) clearTimeout(refreshRun);
      if (refreshModules !== null) clearTimeout(refreshModules);
    };
  }, [runId, slug, store, queryClient]);

  return { store, state, error };
}

/** Re-render when the run's non-token events change; returns them. */
export function useRunEvents(store: RunEventStore) {
  useSyncExternalStore(store.subscribe, () => store.eventsVersion, () => store.eventsVersion);
  return store.events;
}

/** Re-render when one step's streamed answer changes; returns it. */
export function useStreamedAnswer(store: RunEventStore, step: string | null) {
  const version = () => (step ? store.stepVersion(step) : 0);
  useSyncExternalStore(store.subscribe, version, version);
  return step ? store.answer(step) : null;
}

/** A clock that ticks while `active` (for bars that grow while a run goes on). */
export function useNow(active: boolean, everyMs = 1000): number | undefined {
  const [now, setNow] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [active, everyMs]);
  return active ? now : undefined;
}
