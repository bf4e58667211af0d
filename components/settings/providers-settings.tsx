"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleX, Cpu, KeyRound, Pencil, Plug, PlugZap, Plus, Star, Trash2 } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { providersApi } from "@/lib/runs/client/api";
import { SCAFFOLDER_LABEL, formatDuration, formatUsd } from "@/lib/runs/client/format";
import { settingsKeys } from "@/lib/runs/client/query-keys";
import type { ConnectionTest, ProviderView } from "@/lib/runs/client/types";
import { ProviderFormDialog } from "@/components/settings/provider-form-dialog";

const KIND_LABEL: Record<string, string> = { openai: "OpenAI", anthropic: "Anthropic", "openai-compatible": "OpenAI-compatible", offline: "Built in" };

export interface ProvidersSettingsProps {
  slug: string;
  /** provider:update (admins): add, edit, delete, test, make default */
  canManage: boolean;
}

export function ProvidersSettings({ slug, canManage }: ProvidersSettingsProps) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<{ provider?: ProviderView } | null>(null);
  const [deleting, setDeleting] = useState<ProviderView | null>(null);
  const query = useQuery({ queryKey: settingsKeys.providers(slug), queryFn: ({ signal }) => providersApi.list(slug, signal) });

  const makeDefault = useMutation({
    mutationFn: async (id: string) => {
      if (id === "offline") await providersApi.useOfflineByDefault(slug);
      else await providersApi.update(slug, id, { makeDefault: true });
    },
    onSuccess: (_d, id) => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.providers(slug) });
      const name = id === "offline" ? "The offline scaffolder" : (query.data?.providers.find((p) => p.id === id)?.name ?? "The provider");
      toast.success(`${name} is now the default for new runs`);
    },
    onError: (err) => toast.error("Could not change the default provider", { description: err.message }),
  });

  const providers = query.data?.providers ?? [];
  const offlineIsDefault = (query.data?.defaultProviderId ?? "offline") === "offline";

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Model providers</h2>
          <p className="text-sm text-muted-foreground">Which models runs can use. The default is used when a run does not pick one.</p>
        </div>
        {canManage ? (
          <Button onClick={() => setForm({})}>
            <Plus aria-hidden="true" />
            Add provider
          </Button>
        ) : null}
      </div>
      {!canManage ? (
        <Alert variant="info">
          <AlertDescription>Only admins can add, change or test providers. You can see which ones this workspace has.</AlertDescription>
        </Alert>
      ) : null}

      {query.isPending ? (
        <div className="flex flex-col gap-3" aria-busy="true" aria-label="Loading providers">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the providers: {query.error.message}</AlertDescription>
        </Alert>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Providers">
          <li className="flex flex-wrap items-start gap-4 rounded-lg border bg-card p-4" data-testid="provider-row" data-provider="offline">
            <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-muted text-muted-foreground" aria-hidden="true">
              <Cpu className="size-5" />
            </div>
            <div className="flex min-w-0 flex-1 flex-col gap-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold">Offline scaffolder</h3>
                <Badge variant="warning">{SCAFFOLDER_LABEL}</Badge>
                <Badge variant="muted">Built in</Badge>
                {offlineIsDefault ? <DefaultBadge /> : null}
              </div>
              <p className="text-sm text-muted-foreground">
                Writes deterministic templates from the spec (signatures, docstrings, TODOs and test skeletons) without calling a model. Free, no key, always
                available.
              </p>
            </div>
            {canManage && !offlineIsDefault ? (
              <Button variant="outline" size="sm" onClick={() => makeDefault.mutate("offline")} loading={makeDefault.isPending && makeDefault.variables === "offline"}>
                <Star aria-hidden="true" />
                Use by default
              </Button>
            ) : null}
          </li>
          {providers.map((p) => (
            <ProviderRow
              key={p.id}
              slug={slug}
              provider={p}
              canManage={canManage}
              onEdit={() => setForm({ provider: p })}
              onDelete={() => setDeleting(p)}
              onMakeDefault={() => makeDefault.mutate(p.id)}
              makingDefault={makeDefault.isPending && makeDefault.variables === p.id}
            />
          ))}
        </ul>
      )}
      {query.isSuccess && providers.length === 0 ? (
        <EmptyState
          icon={Plug}
          title="No model providers yet"
          description={
            canManage
              ? "Add OpenAI, Anthropic, or any OpenAI-compatible server (Ollama, vLLM, LM Studio) to generate real implementations. Until then, runs use the offline scaffolder."
              : "An admin can add OpenAI, Anthropic or an OpenAI-compatible server. Until then, runs use the offline scaffolder."
          }
          action={
            canManage ? (
              <Button variant="outline" onClick={() => setForm({})}>
                <Plus aria-hidden="true" />
                Add provider
              </Button>
            ) : undefined
          }
        />
      ) : null}

      <Dialog open={form !== null} onOpenChange={(o) => !o && setForm(null)}>
        {form !== null ? <ProviderFormDialog key={form.provider?.id ?? "new"} slug={slug} provider={form.provider} onDone={() => setForm(null)} /> : null}
      </Dialog>
      <Dialog open={deleting !== null} onOpenChange={(o) => !o && setDeleting(null)}>
        {deleting ? <DeleteProviderDialog slug={slug} provider={deleting} onDone={() => setDeleting(null)} /> : null}
      </Dialog>
    </div>
  );
}

function DefaultBadge() {
  return (
    <Badge variant="info">
      <Star aria-hidden="true" />
      Default
    </Badge>
  );
}

function ProviderRow({
  slug,
  provider: p,
  canManage,
  onEdit,
  onDelete,
  onMakeDefault,
  makingDefault,
}: {
  slug: string;
  provider: ProviderView;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onMakeDefault: () => void;
  makingDefault: boolean;
}) {
  const test = useMutation({ mutationFn: () => providersApi.test(slug, p.id) });
  const priced = Object.entries(p.prices ?? {});
  return (
    <li className="flex flex-col gap-3 rounded-lg border bg-card p-4" data-testid="provider-row" data-provider={p.name}>
      <div className="flex flex-wrap items-start gap-4">
        <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary" aria-hidden="true">
          <Plug className="size-5" />
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">{p.name}</h3>
            <Badge variant="secondary">{KIND_LABEL[p.kind] ?? p.kind}</Badge>
            {p.isDefault ? <DefaultBadge /> : null}
            {!p.enabled ? <Badge variant="muted">Disabled</Badge> : null}
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {p.baseUrl ? (
              <>
                <dt className="text-muted-foreground">Base URL</dt>
                <dd className="truncate font-mono text-xs leading-5">{p.baseUrl}</dd>
              </>
            ) : null}
            <dt className="text-muted-foreground">API key</dt>
            <dd className="flex items-center gap-1.5" data-testid="key-hint">
              {p.hasKey ? (
                <>
                  <KeyRound className="size-3.5 text-muted-foreground" aria-hidden="true" />
                  <span className="font-mono text-xs">{p.keyHint ?? "…"}</span>
                  <span className="text-xs text-muted-foreground">(stored encrypted)</span>
                </>
              ) : (
                <span className="text-muted-foreground">none</span>
              )}
            </dd>
            <dt className="text-muted-foreground">Models</dt>
            <dd className="flex flex-wrap gap-1">
              {p.models.map((m) => (
                <span key={m} className="rounded bg-muted px-1.5 font-mono text-xs leading-5">
                  {m}
                  {m === p.defaultModel ? <span className="text-muted-foreground"> (default)</span> : null}
                </span>
              ))}
            </dd>
            <dt className="text-muted-foreground">Prices</dt>
            <dd className="text-xs leading-5">
              {priced.length === 0 ? (
                <span className="text-muted-foreground">no prices set</span>
              ) : (
                priced.map(([m, pr]) => (
                  <span key={m} className="mr-3 inline-block">
                    <span className="font-mono">{m}</span>: {formatUsd(pr.inputPerMillion)} in / {formatUsd(pr.outputPerMillion)} out per 1M
                  </span>
                ))
              )}
            </dd>
          </dl>
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="outline" size="sm" onClick={() => test.mutate()} loading={test.isPending}>
              {!test.isPending ? <PlugZap aria-hidden="true" /> : null}
              {test.isPending ? "Testing…" : "Test connection"}
            </Button>
            {!p.isDefault ? (
              <Button variant="outline" size="sm" onClick={onMakeDefault} loading={makingDefault} disabled={!p.enabled} title={!p.enabled ? "Enable it first" : undefined}>
                <Star aria-hidden="true" />
                Make default
              </Button>
            ) : null}
            <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${p.name}`}>
              <Pencil aria-hidden="true" />
              Edit
            </Button>
            <Button variant="ghost" size="sm" onClick={onDelete} aria-label={`Delete ${p.name}`} className="text-destructive hover:text-destructive">
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          </div>
        ) : null}
      </div>
      <div role="status" aria-live="polite" className="empty:hidden">
        {test.data ? <TestResult result={test.data} /> : test.isError ? <TestResult error={test.error.message} /> : null}
      </div>
    </li>
  );
}

function TestResult({ result, error }: { result?: ConnectionTest; error?: string }) {
  if (result?.ok) {
    return (
      <p className="flex items-center gap-2 rounded-md bg-success/10 px-3 py-2 text-sm text-success" data-testid="test-result" data-ok="true">
        <CircleCheck className="size-4 shrink-0" aria-hidden="true" />
        Connected: {result.model} answered in {formatDuration(result.latencyMs)}.
      </p>
    );
  }
  const message =
    error ?? (result?.error ? (result.error.message.startsWith(result.error.kind) ? result.error.message : `${result.error.kind}: ${result.error.message}`) : "The test failed.");
  return (
    <p className="flex items-start gap-2 rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive" data-testid="test-result" data-ok="false">
      <CircleX className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>
        Connection failed{result ? ` after ${formatDuration(result.latencyMs)}` : ""}: {message}
      </span>
    </p>
  );
}

function DeleteProviderDialog({ slug, provider, onDone }: { slug: string; provider: ProviderView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => providersApi.remove(slug, provider.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.providers(slug) });
      toast.success(`Deleted ${provider.name}`);
      onDone();
    },
  });
  return (
    <DialogContent role="alertdialog">
      <DialogHeader>
        <DialogTitle>Delete {provider.name}?</DialogTitle>
        <DialogDescription>
          Its stored key is deleted with it. Runs that already used it keep their history; new runs can no longer pick it
          {provider.isDefault ? ", and the offline scaffolder becomes the default again" : ""}.
        </DialogDescription>
      </DialogHeader>
      {remove.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{remove.error.message}</AlertDescription>
        </Alert>
      ) : null}
      <DialogFooter>
        <Button variant="outline" onClick={onDone} autoFocus>
          Keep it
        </Button>
        <Button variant="destructive" onClick={() => remove.mutate()} loading={remove.isPending}>
          Delete provider
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}
