"use client";

import { useMemo, useState } from "react";
import { Bot, CircleCheck, CircleX, Clock, FileCode2, Play, RefreshCw, Ban, TriangleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { extractCode } from "@/lib/llm/extract-code";
import type { RunEventStore } from "@/lib/runs/client/event-store";
import { formatCost, formatDuration, formatNumber, formatUsd, stepLabel } from "@/lib/runs/client/format";
import { languageOfPath } from "@/lib/runs/client/highlight";
import type { ModuleView } from "@/lib/runs/client/types";
import type { LlmCall, TimelineEvent, TimelineStep } from "@/lib/runs/timeline";
import { cn } from "@/lib/utils/cn";
import { CodeView } from "@/components/runs/code-view";
import { OfflineBadge } from "@/components/runs/offline-badge";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { useStreamedAnswer } from "@/components/runs/use-run-stream";

export interface StepDetailsProps {
  step: TimelineStep;
  /** start of the run's time axis, for "+1.2 s" offsets */
  startMs: number;
  provider: { kind: string; name: string; model: string; isLlm: boolean };
  store: RunEventStore;
  modules: ModuleView[] | undefined;
  modulesError: Error | null;
}

/** The selected step: what happened (events, model calls, retries, errors) and the code it wrote. */
export function StepDetails({ step, startMs, provider, store, modules, modulesError }: StepDetailsProps) {
  return (
    <section aria-labelledby="step-heading" className="flex flex-col gap-4 rounded-lg border p-4" data-testid="step-details" data-step={step.key}>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="step-heading" className="font-mono text-base font-semibold">
          {stepLabel(step.key)}
        </h2>
        <RunStatusBadge status={step.status} />
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
          <Fact label="Duration">{step.durationMs !== null ? formatDuration(step.durationMs) : step.elapsedMs !== null ? `${formatDuration(step.elapsedMs)} so far` : "—"}</Fact>
          {step.attempts > 0 ? <Fact label="Attempts">{formatNumber(step.attempts)}</Fact> : null}
          {!step.isFlow ? (
            <>
              <Fact label="Tokens in / out">
                {formatNumber(step.inputTokens)} / {formatNumber(step.outputTokens)}
              </Fact>
              <Fact label="Cost">{formatCost(step.costUsd, provider)}</Fact>
            </>
          ) : null}
          {step.dependsOn.length > 0 && !step.isFlow ? <Fact label="Depends on">{step.dependsOn.join(", ")}</Fact> : null}
        </dl>
      </header>
      {step.error && step.status !== "succeeded" ? (
        <Alert variant={step.status === "retrying" ? "warning" : step.status === "cancelled" ? "default" : "destructive"}>
          <AlertTitle>{step.status === "retrying" ? "Last attempt failed; retrying" : step.status === "cancelled" ? "Cancelled" : "Step failed"}</AlertTitle>
          <AlertDescription>{step.error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <StepEvents step={step} startMs={startMs} provider={provider} />
        <StepCode step={step} provider={provider} store={store} modules={modules} modulesError={modulesError} />
      </div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt>{label}:</dt>
      <dd className="font-medium text-foreground tabular-nums">{children}</dd>
    </div>
  );
}

const offset = (e: TimelineEvent, startMs: number) => `+${formatDuration(Math.max(0, Date.parse(e.at) - startMs))}`;

function StepEvents({ step, startMs, provider }: { step: TimelineStep; startMs: number; provider: StepDetailsProps["provider"] }) {
  const callsByAttempt = useMemo(() => new Map(step.calls.map((c) => [c.attempt, c] as const)), [step.calls]);
  return (
    <section aria-labelledby="step-events-heading" className="flex min-w-0 flex-col gap-2">
      <h3 id="step-events-heading" className="text-sm font-semibold">
        Events <span className="font-normal text-muted-foreground">({step.events.length})</span>
      </h3>
      {step.events.length === 0 ? (
        <p className="text-sm text-muted-foreground">No events for this step yet.</p>
      ) : (
        <ol className="flex flex-col gap-0 border-l pl-4" aria-label={`Events of ${stepLabel(step.key)}`}>
          {step.events.map((e) => (
            <EventItem key={e.seq} event={e} startMs={startMs} call={callsByAttempt.get(attemptOf(e))} provider={provider} />
          ))}
        </ol>
      )}
    </section>
  );
}

const attemptOf = (e: TimelineEvent) => (typeof e.data?.attempt === "number" ? e.data.attempt : 0);
const s = (v: unknown) => (typeof v === "string" ? v : "");
const n = (v: unknown) => (typeof v === "number" ? v : null);

function EventItem({ event: e, startMs, call, provider }: { event: TimelineEvent; startMs: number; call?: LlmCall; provider: StepDetailsProps["provider"] }) {
  const d = e.data ?? {};
  let icon = <Clock aria-hidden="true" className="size-3.5 text-muted-foreground" />;
  let body: React.ReactNode = e.type;
  let tone = "";
  switch (e.type) {
    case "step.queued":
      body = d.dependsOn && Array.isArray(d.dependsOn) && d.dependsOn.length ? `Queued (depends on ${(d.dependsOn as string[]).join(", ")})` : "Queued";
      break;
    case "step.started":
      icon = <Play aria-hidden="true" className="size-3.5 text-primary" />;
      body = `Attempt ${n(d.attempt) ?? 1} started`;
      break;
    case "llm.call_started":
      icon = <Bot aria-hidden="true" className="size-3.5 text-primary" />;
      body = (
        <div className="flex min-w-0 flex-col gap-1">
          <span>
            {provider.kind === "offline" ? "Scaffolder call" : "Model call"} (attempt {n(d.attempt) ?? 1}): <span className="font-mono text-xs">{s(d.provider)} · {s(d.model)}</span>
          </span>
          <details className="group">
            <summary className="w-fit cursor-pointer rounded text-xs text-primary outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring">
              Prompt ({formatNumber(s(d.system).length + s(d.prompt).length)} characters)
            </summary>
            <div className="mt-2 flex flex-col gap-2">
              <PromptBlock title="System" text={s(d.system)} />
              <PromptBlock title="User" text={s(d.prompt)} />
              {d.parameters ? <PromptBlock title="Parameters" text={JSON.stringify(d.parameters, null, 2)} /> : null}
            </div>
          </details>
        </div>
      );
      break;
    case "llm.call_finished": {
      icon = <Bot aria-hidden="true" className="size-3.5 text-success" />;
      const ttft = n(d.timeToFirstTokenMs);
      body = (
        <div className="flex min-w-0 flex-col gap-1">
          <span>
            Answer received (attempt {n(d.attempt) ?? 1}){d.finishReason ? <span className="text-muted-foreground"> · finish: {s(d.finishReason)}</span> : null}
          </span>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            <dt className="text-muted-foreground">Tokens in / out</dt>
            <dd className="tabular-nums">
              {formatNumber(n(d.inputTokens) ?? 0)} / {formatNumber(n(d.outputTokens) ?? 0)}
              {d.usageEstimated ? <span className="text-muted-foreground"> (estimated)</span> : null}
            </dd>
            <dt className="text-muted-foreground">Cost</dt>
            <dd className="tabular-nums">{provider.isLlm ? formatUsd(n(d.costUsd) ?? 0) : "free — offline scaffold"}</dd>
            <dt className="text-muted-foreground">First token after</dt>
            <dd className="tabular-nums">{ttft !== null ? formatDuration(ttft) : "—"}</dd>
            <dt className="text-muted-foreground">Call took</dt>
            <dd className="tabular-nums">{formatDuration(n(d.durationMs))}</dd>
          </dl>
          {d.truncated ? (
            <span className="flex items-center gap-1 text-xs text-warning">
              <TriangleAlert className="size-3.5" aria-hidden="true" /> The answer was cut off before its code block closed.
            </span>
          ) : null}
          {s(d.response) ? (
            <details>
              <summary className="w-fit cursor-pointer rounded text-xs text-primary outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring">
                Full answer ({formatNumber(s(d.response).length)} characters)
              </summary>
              <PromptBlock title="Answer" text={s(d.response)} />
            </details>
          ) : null}
        </div>
      );
      break;
    }
    case "llm.call_failed":
      icon = <CircleX aria-hidden="true" className="size-3.5 text-destructive" />;
      tone = "text-destructive";
      body = (
        <span>
          Call failed (attempt {n(d.attempt) ?? call?.attempt ?? 1}): <span className="font-mono text-xs">{s(d.kind)}</span>
          {n(d.statusCode) ? ` (HTTP ${n(d.statusCode)})` : ""} — {s(d.message)}
          <span className="text-muted-foreground">{d.retryable ? " · retryable" : " · not retryable"}</span>
        </span>
      );
      break;
    case "step.retrying":
      icon = <RefreshCw aria-hidden="true" className="size-3.5 text-warning" />;
      tone = "text-warning";
      body = (
        <span>
          Retrying in {formatDuration(n(d.delayMs))} (attempt {n(d.nextAttempt) ?? "?"} next){n(d.retryAfterMs) ? `, as the provider asked (Retry-After ${formatDuration(n(d.retryAfterMs))})` : ""}: {s(d.reason)}
        </span>
      );
      break;
    case "module.written":
      icon = <FileCode2 aria-hidden="true" className="size-3.5 text-success" />;
      body = (
        <span>
          Wrote <span className="font-mono text-xs">{s(d.path)}</span> ({s(d.role)})
          {n(d.findings) ? <span className="text-warning"> · {n(d.findings)} {n(d.findings) === 1 ? "finding" : "findings"}</span> : <span className="text-muted-foreground"> · no findings</span>}
        </span>
      );
      break;
    case "step.succeeded":
      icon = <CircleCheck aria-hidden="true" className="size-3.5 text-success" />;
      tone = "text-success";
      body = d.scaffolded ? "Succeeded (flow module scaffolded)" : "Succeeded";
      break;
    case "step.failed":
      icon = <CircleX aria-hidden="true" className="size-3.5 text-destructive" />;
      tone = "text-destructive";
      body = `Failed after ${n(d.attempts) ?? n(d.attempt) ?? 1} ${(n(d.attempts) ?? 1) === 1 ? "attempt" : "attempts"}: ${s(d.reason)}`;
      break;
    case "step.cancelled":
      icon = <Ban aria-hidden="true" className="size-3.5 text-muted-foreground" />;
      body = `Cancelled${d.reason ? `: ${s(d.reason)}` : ""}`;
      break;
  }
  return (
    <li className="relative py-1.5 text-sm" data-testid="step-event" data-type={e.type}>
      <span className="absolute top-2 -left-[1.47rem] flex size-3.5 items-center justify-center rounded-full bg-background">{icon}</span>
      <div className="flex items-start gap-2">
        <div className={cn("min-w-0 flex-1 break-words", tone)}>{body}</div>
        <time dateTime={e.at} title={new Date(e.at).toLocaleString()} className="shrink-0 text-xs text-muted-foreground tabular-nums">
          {offset(e, startMs)}
        </time>
      </div>
    </li>
  );
}

function PromptBlock({ title, text }: { title: string; text: string }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-muted-foreground">{title}</span>
      <pre className="max-h-72 overflow-auto rounded-md border bg-code p-2 font-mono text-xs whitespace-pre-wrap break-words text-code-foreground">{text || "(empty)"}</pre>
    </div>
  );
}

const ROLE_ORDER: Record<string, number> = { module: 0, test: 1, flow: 2 };
const ROLE_LABEL: Record<string, string> = { module: "Module", test: "Test", flow: "Flow module" };

function StepCode({ step, provider, store, modules, modulesError }: Omit<StepDetailsProps, "startMs">) {
  const files = useMemo(
    () => (modules ?? []).filter((m) => m.step === step.key).sort((a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.path.localeCompare(b.path)),
    [modules, step.key],
  );
  const answer = useStreamedAnswer(store, step.key);
  const streamedText = answer?.text ?? "";
  const split = useMemo(() => (streamedText ? extractCode(streamedText) : null), [streamedText]);
  const [tab, setTab] = useState<string | null>(null);
  const live = step.status === "running";

  let content: React.ReactNode;
  if (files.length > 0) {
    const active = tab && files.some((f) => f.id === tab) ? tab : files[0].id;
    content = (
      <Tabs value={active} onValueChange={setTab}>
        <TabsList aria-label={`Files of ${stepLabel(step.key)}`}>
          {files.map((f) => (
            <TabsTrigger key={f.id} value={f.id}>
              {ROLE_LABEL[f.role] ?? f.role}
              {f.findings?.length ? (
                <Badge variant={f.findings.some((x) => x.severity === "error") ? "destructive" : "warning"} className="px-1 py-0">
                  {f.findings.length}
                </Badge>
              ) : null}
            </TabsTrigger>
          ))}
        </TabsList>
        {files.map((f) => (
          <TabsContent key={f.id} value={f.id} tabIndex={-1}>
            <CodeView path={f.path} code={f.content} language={f.language || languageOfPath(f.path)} findings={f.findings ?? undefined} />
          </TabsContent>
        ))}
      </Tabs>
    );
  } else if (split && (split.module || split.test)) {
    const modulePath = split.modulePath ?? "module";
    const testPath = split.testPath ?? "test";
    content = (
      <div className="flex flex-col gap-3">
        <p className="text-xs text-muted-foreground" role="status">
          {live
            ? `Streaming attempt ${answer!.attempt}… (${formatNumber(answer!.text.length)} characters so far)`
            : step.status === "succeeded"
              ? "Loading the stored files…"
              : `What attempt ${answer!.attempt} streamed before the step ${step.status === "failed" ? "failed" : step.status === "cancelled" ? "was cancelled" : "stopped"}; no files were written.`}
        </p>
        <CodeView path={modulePath} code={split.module} language={languageOfPath(modulePath)} live={live} />
        {split.test || live ? <CodeView path={testPath} code={split.test} language={languageOfPath(testPath)} live={live && !!split.test} /> : null}
      </div>
    );
  } else {
    const text = step.isFlow
      ? step.status === "cancelled" || step.status === "failed"
        ? "The flow module was not written: not every step succeeded."
        : step.status === "succeeded"
          ? "Loading the flow module…"
          : "The flow module, which calls the steps in order, is written once every step has succeeded."
      : step.status === "queued"
        ? "Waiting for a worker to pick this step up…"
        : step.status === "running"
          ? provider.isLlm
            ? "Waiting for the model's first tokens…"
            : "Waiting for the scaffolder's first lines…"
          : step.status === "retrying"
            ? "Waiting to retry; the next attempt streams its code here."
            : step.status === "cancelled"
              ? "Cancelled before any code was written."
              : step.status === "failed"
                ? "No code was written: the step failed."
                : "Loading the stored files…";
    content = <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">{text}</p>;
  }

  return (
    <section aria-labelledby="step-code-heading" className="flex min-w-0 flex-col gap-2" data-testid="step-code">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="step-code-heading" className="text-sm font-semibold">
          Code
        </h3>
        {provider.kind === "offline" ? <OfflineBadge /> : null}
        {answer && answer.attempt > 1 && files.length === 0 ? <Badge variant="warning">attempt {answer.attempt}</Badge> : null}
      </div>
      {modulesError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the stored files: {modulesError.message}</AlertDescription>
        </Alert>
      ) : null}
      {content}
    </section>
  );
}
