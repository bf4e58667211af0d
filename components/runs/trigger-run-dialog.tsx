"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Play } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusMessage } from "@/components/ui/status-message";
import { ApiError } from "@/lib/client/api";
import { OFFLINE_MODEL_ID } from "@/lib/llm/scaffolder/constants";
import { errorMessage, newIdempotencyKey, providersApi, runPages, runsApi } from "@/lib/runs/client/api";
import { OFFLINE_PROVIDER_LABEL, SCAFFOLDER_LABEL, formatNumber, formatUsd } from "@/lib/runs/client/format";
import { runKeys, settingsKeys } from "@/lib/runs/client/query-keys";
import { specsApi } from "@/lib/specs/client/api";
import { specKeys } from "@/lib/specs/client/query-keys";
import type { ProviderView, RunEstimate, RunParameters } from "@/lib/runs/client/types";

export interface TriggerRunButtonProps {
  slug: string;
  specId: string;
  /** run:trigger; without it the button is not shown */
  canTrigger: boolean;
  /** Run this revision instead of the spec's latest valid one. */
  revisionId?: string;
  /** e.g. while the spec has no valid revision; shown as the button's description */
  disabledReason?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  className?: string;
}

/**
 * "Run" for a spec: opens a dialog to pick the provider and model, shows what the run will cost, and starts it.
 * A double click (or a retry after a lost answer) never starts two runs: every opening of the dialog has its own
 * Idempotency-Key. After starting, it goes to the run's page.
 */
export function TriggerRunButton({ slug, specId, canTrigger, revisionId, disabledReason, variant, size, className }: TriggerRunButtonProps) {
  const [open, setOpen] = useState(false);
  const hintId = useId();
  if (!canTrigger) return null;
  return (
    <>
      <Button
        variant={variant}
        size={size}
        className={className}
        onClick={() => setOpen(true)}
        disabled={!!disabledReason}
        aria-describedby={disabledReason ? hintId : undefined}
        title={disabledReason}
      >
        <Play aria-hidden="true" />
        Run
      </Button>
      {disabledReason ? (
        <span id={hintId} className="sr-only">
          {disabledReason}
        </span>
      ) : null}
      <Dialog open={open} onOpenChange={setOpen}>
        {open ? <TriggerRunDialogBody slug={slug} specId={specId} revisionId={revisionId} onClose={() => setOpen(false)} /> : null}
      </Dialog>
    </>
  );
}

function errorTitle(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === "rate_limited") return "A limit stops this run";
    if (err.code === "validation_failed") return "This run cannot start";
    if (err.code === "forbidden") return "Your role cannot start runs";
    if (err.code === "not_found") return "Not found";
  }
  return "Could not start the run";
}

const OFFLINE = "offline";

function TriggerRunDialogBody({ slug, specId, revisionId, onClose }: { slug: string; specId: string; revisionId?: string; onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // One key per opening of the dialog: pressing Start twice, or again after a lost answer, starts one run.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [choice, setChoice] = useState<{ provider: string; model: string } | null>(null);
  const [params, setParams] = useState<{ temperature: string; maxOutputTokens: string; seed: string }>({ temperature: "", maxOutputTokens: "", seed: "" });
  const ids = { provider: useId(), model: useId(), temperature: useId(), maxTokens: useId(), seed: useId(), estimate: useId() };

  const providers = useQuery({
    queryKey: settingsKeys.providers(slug),
    queryFn: ({ signal }) => providersApi.list(slug, signal),
    retry: false,
  });
  const usable: ProviderView[] = (providers.data?.providers ?? []).filter((p) => p.enabled);
  const defaultId = providers.data?.defaultProviderId ?? OFFLINE;
  const fallbackProvider = usable.some((p) => p.id === defaultId) ? defaultId : OFFLINE;
  const providerId = choice?.provider ?? fallbackProvider;
  const selected = usable.find((p) => p.id === providerId) ?? null;
  const models = selected ? selected.models : [OFFLINE_MODEL_ID];
  const model = choice && choice.provider === providerId && models.includes(choice.model) ? choice.model : (selected?.defaultModel ?? OFFLINE_MODEL_ID);
  const isLlm = selected !== null;

  const estimate = useQuery({
    queryKey: runKeys.estimate(slug, specId, providerId, model),
    queryFn: ({ signal }) => runsApi.estimate(slug, { specId, provider: providerId, model }, signal),
    enabled: !providers.isPending,
    retry: false,
    staleTime: 30_000,
  });

  const start = useMutation({
    mutationFn: () => {
      const parameters: RunParameters = {};
      if (isLlm && params.temperature.trim() !== "") parameters.temperature = Number(params.temperature);
      if (isLlm && params.maxOutputTokens.trim() !== "") parameters.maxOutputTokens = Number(params.maxOutputTokens);
      if (params.seed.trim() !== "") parameters.seed = Number(params.seed);
      return runsApi.trigger(
        slug,
        {
          specId,
          revisionId: revisionId ?? estimate.data?.revision.id,
          provider: providerId,
          model,
          ...(Object.keys(parameters).length ? { parameters } : {}),
        },
        idempotencyKey,
      );
    },
    onSuccess: ({ run }) => {
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(slug) });
      router.push(runPages.run(slug, run.id));
    },
  });

  const blocked = estimate.error instanceof ApiError && ["validation_failed", "not_found"].includes(estimate.error.code);
  // A spec that was just created (from an example, an import) has text but no revision yet: offer to save one here
  // rather than send the user back to the editor. The server snapshots the text it holds, valid or not.
  const noRevision = blocked && !revisionId && estimate.error instanceof ApiError && "specId" in estimate.error.fieldErrors();
  const saveRevision = useMutation({
    mutationFn: () => specsApi.saveRevision(slug, specId, "Saved to start a run"),
    onSuccess: ({ revision }) => {
      void queryClient.invalidateQueries({ queryKey: specKeys.detail(slug, specId) });
      if (revision.valid) void estimate.refetch();
    },
  });
  const navigating = start.isSuccess;

  return (
    <DialogContent className="sm:max-w-2xl" aria-describedby={ids.estimate}>
      <DialogHeader>
        <DialogTitle>Start a generation run</DialogTitle>
        <DialogDescription id={ids.estimate}>
          Writes a module and a test for every step of the spec&apos;s {revisionId ? "chosen" : "latest valid"} revision, then the flow module that wires them
          together. You can follow it live on the run&apos;s page.
        </DialogDescription>
      </DialogHeader>

      <form
        className="flex flex-col gap-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (!start.isPending && !navigating) start.mutate();
        }}
      >
        <div className="grid gap-4">
          <div className="grid min-w-0 gap-2">
            <Label htmlFor={ids.provider}>Provider</Label>
            <Select value={providerId} onValueChange={(v) => setChoice({ provider: v, model: "" })} disabled={providers.isPending}>
              <SelectTrigger id={ids.provider} className="min-w-0 [&>span]:truncate" aria-describedby={providers.isError ? `${ids.provider}-hint` : undefined}>
                <SelectValue placeholder="Loading providers…" />
              </SelectTrigger>
              <SelectContent>
                <SelectGroup>
                  <SelectLabel>Built in</SelectLabel>
                  <SelectItem value={OFFLINE}>{OFFLINE_PROVIDER_LABEL}</SelectItem>
                </SelectGroup>
                {usable.length > 0 ? (
                  <>
                    <SelectSeparator />
                    <SelectGroup>
                      <SelectLabel>Model providers</SelectLabel>
                      {usable.map((p) => (
                        <SelectItem key={p.id} value={p.id}>
                          {p.name} ({kindName(p.kind)})
                        </SelectItem>
                      ))}
                    </SelectGroup>
                  </>
                ) : null}
              </SelectContent>
            </Select>
            {providers.isError ? (
              <p id={`${ids.provider}-hint`} className="text-xs text-muted-foreground">
                Could not list the workspace&apos;s providers ({providers.error.message}); the offline scaffolder is always available.
              </p>
            ) : null}
          </div>
          <div className="grid min-w-0 gap-2">
            <Label htmlFor={ids.model}>Model</Label>
            <Select value={model} onValueChange={(v) => setChoice({ provider: providerId, model: v })} disabled={providers.isPending || models.length < 2}>
              <SelectTrigger id={ids.model} className="min-w-0 [&>span]:truncate">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {models.map((m) => (
                  <SelectItem key={m} value={m}>
                    {m}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </div>

        {!isLlm ? (
          <Alert variant="info">
            <AlertTitle>Offline scaffolder: {SCAFFOLDER_LABEL}</AlertTitle>
            <AlertDescription>
              It writes deterministic templates from the spec (signatures, docstrings, TODOs and test skeletons) without calling any model. It is free and needs
              no key. Add a model provider in Settings → Providers for real implementations.
            </AlertDescription>
          </Alert>
        ) : null}

        <EstimateView estimate={estimate.data} loading={estimate.isPending || estimate.isRefetching} error={estimate.isRefetching ? null : estimate.error} isLlm={isLlm} />
        {noRevision && !estimate.isRefetching ? (
          <div className="flex flex-col gap-2" data-testid="save-revision-to-run">
            {saveRevision.data && !saveRevision.data.revision.valid ? (
              <p role="alert" className="text-sm text-destructive">
                Revision #{saveRevision.data.revision.number} was saved, but its YAML does not validate: fix the problems shown under the editor, then save again.
              </p>
            ) : saveRevision.error ? (
              <p role="alert" className="text-sm text-destructive">
                The revision was not saved: {errorMessage(saveRevision.error)}
              </p>
            ) : null}
            {!saveRevision.data ? (
              <Button type="button" variant="secondary" className="self-start" loading={saveRevision.isPending} onClick={() => saveRevision.mutate()}>
                {saveRevision.isPending ? "Saving…" : "Save the current text as a revision"}
              </Button>
            ) : null}
          </div>
        ) : null}

        {isLlm ? (
          <details className="group rounded-md border px-3 py-2">
            <summary className="cursor-pointer text-sm font-medium outline-hidden focus-visible:ring-2 focus-visible:ring-ring rounded">Advanced parameters</summary>
            <div className="mt-3 grid gap-3 sm:grid-cols-3">
              <div className="grid gap-1.5">
                <Label htmlFor={ids.temperature}>Temperature</Label>
                <Input id={ids.temperature} type="number" min={0} max={2} step={0.1} placeholder="0.2" value={params.temperature} onChange={(e) => setParams({ ...params, temperature: e.target.value })} />
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor={ids.maxTokens}>Max output tokens</Label>
                <Input id={ids.maxTokens} type="number" min={64} max={32000} step={1} placeholder="4000" value={params.maxOutputTokens} onChange={(e) => setParams({ ...params, maxOutputTokens: e.target.value })} />
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor={ids.seed}>Seed</Label>
                <Input id={ids.seed} type="number" min={0} step={1} placeholder="none" value={params.seed} onChange={(e) => setParams({ ...params, seed: e.target.value })} />
              </div>
            </div>
          </details>
        ) : null}

        {start.isError ? (
          <Alert variant="destructive" data-testid="trigger-error">
            <AlertTitle>{errorTitle(start.error)}</AlertTitle>
            <AlertDescription>{errorMessage(start.error)}</AlertDescription>
          </Alert>
        ) : null}
        <StatusMessage visuallyHidden>{start.isPending ? "Starting the run…" : navigating ? "Run started. Opening its page…" : ""}</StatusMessage>

        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={start.isPending || navigating} disabled={blocked}>
            {!(start.isPending || navigating) ? <Play aria-hidden="true" /> : null}
            {navigating ? "Opening run…" : start.isPending ? "Starting…" : "Start run"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}

export function kindName(kind: string): string {
  switch (kind) {
    case "openai":
      return "OpenAI";
    case "anthropic":
      return "Anthropic";
    case "openai-compatible":
      return "OpenAI-compatible";
    case "offline":
      return "built in";
    default:
      return kind;
  }
}

function costText(usd: number, estimate: RunEstimate): string {
  if (!estimate.provider.isLlm) return "free — offline scaffold";
  if (!estimate.provider.hasPrices) return "no prices set";
  return `≈ ${formatUsd(usd)}`;
}

function EstimateView({ estimate, loading, error, isLlm }: { estimate?: RunEstimate; loading: boolean; error: Error | null; isLlm: boolean }) {
  if (error) {
    return (
      <Alert variant="destructive" data-testid="estimate-error">
        <AlertTitle>{error instanceof ApiError && error.code === "validation_failed" ? "Nothing to run yet" : "Could not estimate this run"}</AlertTitle>
        <AlertDescription>{errorMessage(error)}</AlertDescription>
      </Alert>
    );
  }
  if (loading || !estimate) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <StatusMessage>Estimating tokens and cost…</StatusMessage>
        <Skeleton className="h-6 w-full" />
        <Skeleton className="h-6 w-full" />
        <Skeleton className="h-6 w-2/3" />
      </div>
    );
  }
  return (
    <section aria-labelledby="estimate-heading" className="flex flex-col gap-2" data-testid="run-estimate">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="estimate-heading" className="text-sm font-semibold">
          Estimate for revision #{estimate.revision.number}
        </h3>
        <p className="text-xs text-muted-foreground">
          About {formatNumber(estimate.inputTokens + estimate.outputTokens)} tokens, one call per step; counted as characters ÷ 4, not billing.
        </p>
      </div>
      <div className="max-h-56 overflow-auto rounded-md border">
        <table className="w-full text-sm">
          <caption className="sr-only">Estimated tokens and cost per step</caption>
          <thead className="sticky top-0 bg-muted text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">Step</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Tokens in</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Tokens out</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {estimate.steps.map((s) => (
              <tr key={s.stepId}>
                <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-normal">{s.stepId}</th>
                <td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(s.inputTokens)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(s.outputTokens)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums text-muted-foreground">{isLlm && estimate.provider.hasPrices ? formatUsd(s.costUsd) : "—"}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="sticky bottom-0 border-t bg-muted font-medium">
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left">Total</th>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(estimate.inputTokens)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(estimate.outputTokens)}</td>
              <td className="px-3 py-1.5 text-right" data-testid="estimate-cost">{costText(estimate.costUsd, estimate)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
