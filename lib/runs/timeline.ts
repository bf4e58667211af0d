import { formatDuration } from "@/lib/runs/client/duration";

/**
 * A run's timeline, built from its event log in one pass: each step as phases on a shared time axis (queued →
 * running → retrying → … → final), with its attempts, retries, model calls, modules and errors. Pure (no I/O, no
 * clock unless `now` is given), so the run page can rebuild it whenever events arrive and tests can feed it
 * thousands of events.
 */

/** The pseudo-step that writes the flow module once every step succeeded (lib/runs/schemas.ts FLOW_STEP_KEY). */
export const FLOW_STEP_KEY = "__flow__";

export type TimelineStepStatus = "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";
export type TimelineRunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

const FINAL_STEP = new Set<string>(["succeeded", "failed", "cancelled"]);
const FINAL_RUN = new Set<string>(["succeeded", "failed", "cancelled"]);

/** One entry of the run's event log, as the API and the stream send it. */
export interface TimelineEvent {
  seq: number;
  type: string;
  step: string | null;
  at: string;
  data: Record<string, unknown> | null;
}

/** What the timeline needs of the run (a RunSummary or RunDetail fits). */
export interface TimelineRunInput {
  status: string;
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  error?: string | null;
  /** The stored steps (RunDetail.steps): fill in what the events do not say (yet). */
  steps?: readonly {
    key: string;
    position: number;
    dependsOn: string[];
    status: string;
    attempts: number;
    error: string | null;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    queuedAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  }[];
}

export type SegmentKind = "queued" | "running" | "retrying";

/** A phase of a step on the time axis; `end` null while it lasts (draw it to the axis end). */
export interface TimelineSegment {
  kind: SegmentKind;
  start: number;
  end: number | null;
  /** the attempt a running segment belongs to */
  attempt?: number;
}

export interface RetryMark {
  at: number;
  attempt: number;
  nextAttempt: number;
  delayMs: number;
  reason: string;
  kind: string | null;
}

export interface LlmCall {
  attempt: number;
  status: "running" | "finished" | "failed";
  startedAt: number | null;
  finishedAt: number | null;
  provider: string | null;
  model: string | null;
  system: string | null;
  prompt: string | null;
  parameters: unknown;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  timeToFirstTokenMs: number | null;
  durationMs: number | null;
  finishReason: string | null;
  usageEstimated: boolean;
  truncated: boolean;
  failure: { kind: string; message: string; retryable: boolean; statusCode: number | null } | null;
}

export interface WrittenModule {
  path: string;
  role: string;
  findings: number;
}

export interface TimelineStep {
  key: string;
  isFlow: boolean;
  position: number;
  dependsOn: string[];
  status: TimelineStepStatus;
  queuedAt: number | null;
  /** first start (attempt 1) */
  startedAt: number | null;
  finishedAt: number | null;
  /** from first start (or queueing, for a step that never started) to the end; null while it lasts */
  durationMs: number | null;
  /** how long it has been going so far (uses `now` for a live step) */
  elapsedMs: number | null;
  attempts: number;
  segments: TimelineSegment[];
  retries: RetryMark[];
  calls: LlmCall[];
  modules: WrittenModule[];
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** token events seen (streamed chunks of the answer) */
  tokenChunks: number;
  /** this step's events other than tokens, in order */
  events: TimelineEvent[];
  /** e.g. "validate_input: succeeded in 1.2 s, 2 attempts" */
  ariaLabel: string;
}

export interface Timeline {
  status: TimelineRunStatus;
  live: boolean;
  /** start of the shared time axis (ms since epoch) */
  startMs: number;
  /** end of the axis: the last event, the run's end, or `now` while it runs */
  endMs: number;
  steps: TimelineStep[];
  /** events not about a step (run.queued, run.started, run.succeeded…) */
  runEvents: TimelineEvent[];
  lastSeq: number;
  eventCount: number;
  error: string | null;
  totals: { inputTokens: number; outputTokens: number; costUsd: number };
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const time = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};

interface Mutable extends TimelineStep {
  order: number;
  hasSuccessTokens: boolean;
}

function newStep(key: string, order: number): Mutable {
  return {
    key,
    isFlow: key === FLOW_STEP_KEY,
    position: Number.POSITIVE_INFINITY,
    dependsOn: [],
    status: "queued",
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    elapsedMs: null,
    attempts: 0,
    segments: [],
    retries: [],
    calls: [],
    modules: [],
    error: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    tokenChunks: 0,
    events: [],
    ariaLabel: key,
    order,
    hasSuccessTokens: false,
  };
}

function closeOpen(step: Mutable, at: number) {
  const last = step.segments[step.segments.length - 1];
  if (last && last.end === null) last.end = Math.max(at, last.start);
}

function openSegment(step: Mutable, kind: SegmentKind, at: number, attempt?: number) {
  closeOpen(step, at);
  step.segments.push(attempt === undefined ? { kind, start: at, end: null } : { kind, start: at, end: null, attempt });
}

function callFor(step: Mutable, attempt: number): LlmCall {
  for (let i = step.calls.length - 1; i >= 0; i--) if (step.calls[i].attempt === attempt) return step.calls[i];
  const call: LlmCall = {
    attempt,
    status: "running",
    startedAt: null,
    finishedAt: null,
    provider: null,
    model: null,
    system: null,
    prompt: null,
    parameters: null,
    inputTokens: null,
    outputTokens: null,
    costUsd: null,
    timeToFirstTokenMs: null,
    durationMs: null,
    finishReason: null,
    usageEstimated: false,
    truncated: false,
    failure: null,
  };
  step.calls.push(call);
  return call;
}

function describe(step: TimelineStep): string {
  let phrase: string;
  switch (step.status) {
    case "succeeded":
      phrase = step.isFlow ? "succeeded (scaffolded)" : `succeeded in ${formatDuration(step.durationMs)}`;
      break;
    case "failed":
      phrase = step.durationMs !== null ? `failed after ${formatDuration(step.durationMs)}` : "failed";
      break;
    case "cancelled":
      phrase = "cancelled";
      break;
    case "running":
      phrase = step.elapsedMs !== null ? `running for ${formatDuration(step.elapsedMs)}` : "running";
      break;
    case "retrying": {
      const next = step.retries[step.retries.length - 1]?.nextAttempt;
      phrase = next ? `retrying, attempt ${next} next` : "retrying";
      break;
    }
    default:
      phrase = step.isFlow ? "waiting for the steps" : "queued";
  }
  const attempts = step.attempts > 0 ? `, ${step.attempts} ${step.attempts === 1 ? "attempt" : "attempts"}` : "";
  return `${step.key}: ${phrase}${attempts}`;
}

/**
 * Build the timeline of a run from its events (any order is accepted; they are applied by seq). `now` extends the
 * axis and the open phases of a run that is still going; leave it out for a finished run.
 */
export function buildTimeline(run: TimelineRunInput, events: readonly TimelineEvent[], opts: { now?: number } = {}): Timeline {
  const steps = new Map<string, Mutable>();
  const runEvents: TimelineEvent[] = [];
  let order = 0;
  const stepOf = (key: string) => {
    let s = steps.get(key);
    if (!s) {
      s = newStep(key, order++);
      steps.set(key, s);
    }
    return s;
  };

  // Stored steps first: they give every step its place even before its events arrive.
  for (const st of run.steps ?? []) {
    const s = stepOf(st.key);
    s.position = st.position;
    s.dependsOn = [...st.dependsOn];
  }

  let sorted = events;
  for (let i = 1; i < events.length; i++) {
    if (events[i].seq < events[i - 1].seq) {
      sorted = [...events].sort((a, b) => a.seq - b.seq);
      break;
    }
  }

  let status = run.status as TimelineRunStatus;
  let statusFromEvents: TimelineRunStatus | null = null;
  let runError: string | null = run.error ?? null;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  let lastSeq = 0;
  let runFinishedAt: number | null = null;

  for (const e of sorted) {
    if (e.seq <= lastSeq) continue; // duplicates (a reconnect that replays)
    lastSeq = e.seq;
    const at = time(e.at);
    if (at === null) continue;
    if (firstAt === null || at < firstAt) firstAt = at;
    if (lastAt === null || at > lastAt) lastAt = at;
    const d = e.data ?? {};

    if (e.step === null) {
      runEvents.push(e);
      switch (e.type) {
        case "run.started":
          statusFromEvents = "running";
          break;
        case "run.succeeded":
        case "run.failed":
        case "run.cancelled":
          statusFromEvents = e.type.slice(4) as TimelineRunStatus;
          runFinishedAt = at;
          if (e.type !== "run.succeeded") runError = str(d.reason) ?? runError ?? (e.type === "run.cancelled" ? "Cancelled." : null);
          break;
        case "run.queued":
          statusFromEvents ??= "queued";
          break;
      }
      continue;
    }

    const s = stepOf(e.step);
    if (e.type === "token") {
      s.tokenChunks += 1;
      continue;
    }
    s.events.push(e);
    switch (e.type) {
      case "step.queued": {
        const position = num(d.position);
        if (position !== null) s.position = position;
        if (Array.isArray(d.dependsOn)) s.dependsOn = d.dependsOn.filter((x): x is string => typeof x === "string");
        s.queuedAt ??= at;
        if (!FINAL_STEP.has(s.status)) s.status = "queued";
        if (s.segments.length === 0) openSegment(s, "queued", at);
        break;
      }
      case "step.started": {
        const attempt = num(d.attempt) ?? s.attempts + 1;
        s.attempts = Math.max(s.attempts, attempt);
        s.status = "running";
        s.startedAt ??= at;
        if (s.queuedAt === null) s.queuedAt = at;
        openSegment(s, "running", at, attempt);
        break;
      }
      case "step.retrying": {
        const attempt = num(d.attempt) ?? s.attempts;
        s.status = "retrying";
        s.retries.push({
          at,
          attempt,
          nextAttempt: num(d.nextAttempt) ?? attempt + 1,
          delayMs: num(d.delayMs) ?? 0,
          reason: str(d.reason) ?? "retrying",
          kind: str(d.kind),
        });
        s.error = str(d.reason);
        openSegment(s, "retrying", at);
        break;
      }
      case "llm.call_started": {
        const call = callFor(s, num(d.attempt) ?? Math.max(1, s.attempts));
        call.startedAt = at;
        call.provider = str(d.provider);
        call.model = str(d.model);
        call.system = str(d.system);
        call.prompt = str(d.prompt);
        call.parameters = d.parameters ?? null;
        break;
      }
      case "llm.call_finished": {
        const call = callFor(s, num(d.attempt) ?? Math.max(1, s.attempts));
        call.status = "finished";
        call.finishedAt = at;
        call.model ??= str(d.model);
        call.inputTokens = num(d.inputTokens);
        call.outputTokens = num(d.outputTokens);
        call.costUsd = num(d.costUsd);
        call.timeToFirstTokenMs = num(d.timeToFirstTokenMs);
        call.durationMs = num(d.durationMs);
        call.finishReason = str(d.finishReason);
        call.usageEstimated = d.usageEstimated === true;
        call.truncated = d.truncated === true;
        break;
      }
      case "llm.call_failed": {
        const call = callFor(s, num(d.attempt) ?? Math.max(1, s.attempts));
        call.status = "failed";
        call.finishedAt = at;
        call.failure = {
          kind: str(d.kind) ?? "error",
          message: str(d.message) ?? "The call failed.",
          retryable: d.retryable === true,
          statusCode: num(d.statusCode),
        };
        break;
      }
      case "module.written":
        s.modules.push({ path: str(d.path) ?? "", role: str(d.role) ?? "module", findings: num(d.findings) ?? 0 });
        break;
      case "step.succeeded":
      case "step.failed":
      case "step.cancelled": {
        s.status = e.type.slice(5) as TimelineStepStatus;
        s.finishedAt = at;
        closeOpen(s, at);
        if (e.type === "step.succeeded") {
          s.error = null;
          const input = num(d.inputTokens);
          const output = num(d.outputTokens);
          if (input !== null || output !== null) {
            s.inputTokens = input ?? 0;
            s.outputTokens = output ?? 0;
            s.costUsd = num(d.costUsd) ?? 0;
            s.hasSuccessTokens = true;
          }
        } else {
          s.error = str(d.reason) ?? s.error ?? (e.type === "step.cancelled" ? "cancelled" : null);
          const attempts = num(d.attempts);
          if (attempts !== null) s.attempts = Math.max(s.attempts, attempts);
        }
        break;
      }
    }
  }

  if (statusFromEvents && !(FINAL_RUN.has(status) && !FINAL_RUN.has(statusFromEvents))) status = statusFromEvents;
  const live = !FINAL_RUN.has(status);

  // What the stored steps know and the events did not say (events still loading, or a step closed silently).
  for (const st of run.steps ?? []) {
    const s = steps.get(st.key)!;
    s.attempts = Math.max(s.attempts, st.attempts);
    if (s.events.length === 0) {
      // Nothing streamed about this step yet: draw it from its stored times.
      s.status = st.status as TimelineStepStatus;
      s.queuedAt = time(st.queuedAt);
      s.startedAt = time(st.startedAt);
      s.finishedAt = FINAL_STEP.has(st.status) ? time(st.finishedAt) : null;
      s.error = st.error;
      s.segments = [];
      if (s.queuedAt !== null) s.segments.push({ kind: "queued", start: s.queuedAt, end: s.startedAt ?? s.finishedAt });
      if (s.startedAt !== null) s.segments.push({ kind: "running", start: s.startedAt, end: s.finishedAt, attempt: Math.max(1, st.attempts) });
    } else {
      if (s.queuedAt === null) s.queuedAt = time(st.queuedAt);
      if (s.startedAt === null) s.startedAt = time(st.startedAt);
      if (FINAL_STEP.has(st.status) && !FINAL_STEP.has(s.status)) {
        s.status = st.status as TimelineStepStatus;
        s.finishedAt = time(st.finishedAt) ?? s.finishedAt;
        if (s.finishedAt !== null) closeOpen(s, s.finishedAt);
        s.error ??= st.error;
      }
    }
    if (!s.hasSuccessTokens && st.inputTokens + st.outputTokens > 0) {
      s.inputTokens = st.inputTokens;
      s.outputTokens = st.outputTokens;
      s.costUsd = st.costUsd;
      s.hasSuccessTokens = true;
    }
  }

  const createdAt = time(run.createdAt);
  const startMs = firstAt ?? createdAt ?? opts.now ?? 0;
  const finishedAt = runFinishedAt ?? time(run.finishedAt);
  let endMs = Math.max(lastAt ?? startMs, finishedAt ?? startMs);
  if (live && opts.now !== undefined) endMs = Math.max(endMs, opts.now);

  // A finished run closes every phase still open (a step cancelled without its own event, say).
  const list = [...steps.values()].sort((a, b) => a.position - b.position || a.order - b.order);
  const totals = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  for (const s of list) {
    if (!live) {
      closeOpen(s, s.finishedAt ?? endMs);
      if (!FINAL_STEP.has(s.status)) {
        s.status = status === "succeeded" ? "succeeded" : "cancelled";
        s.finishedAt ??= endMs;
      }
    }
    if (!s.hasSuccessTokens) {
      // Still going: what its finished calls used so far.
      for (const c of s.calls) {
        s.inputTokens += c.inputTokens ?? 0;
        s.outputTokens += c.outputTokens ?? 0;
        s.costUsd += c.costUsd ?? 0;
      }
    }
    const begin = s.startedAt ?? s.queuedAt;
    s.durationMs = s.finishedAt !== null && begin !== null ? Math.max(0, s.finishedAt - begin) : null;
    s.elapsedMs = begin === null ? null : Math.max(0, (s.finishedAt ?? (live ? (opts.now ?? endMs) : endMs)) - begin);
    s.ariaLabel = describe(s);
    totals.inputTokens += s.inputTokens;
    totals.outputTokens += s.outputTokens;
    totals.costUsd += s.costUsd;
  }

  return {
    status,
    live,
    startMs,
    endMs: Math.max(endMs, startMs),
    steps: list.map(({ order: _o, hasSuccessTokens: _h, ...s }) => s),
    runEvents,
    lastSeq,
    eventCount: sorted.length,
    error: status === "succeeded" ? null : runError,
    totals,
  };
}

/** Ticks for the time axis: about `target` round steps (100 ms, 1 s, 5 s, 1 min…) from 0 to `spanMs`. */
export function axisTicks(spanMs: number, target = 6): number[] {
  if (!(spanMs > 0)) return [0];
  const nice = [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];
  const raw = spanMs / target;
  const step = nice.find((n) => n >= raw) ?? Math.ceil(raw / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs + 1e-6; t += step) ticks.push(t);
  return ticks;
}
