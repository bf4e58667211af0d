"use client";

import { useId, useMemo, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { providersApi } from "@/lib/runs/client/api";
import { settingsKeys } from "@/lib/runs/client/query-keys";
import type { ModelPrice, ProviderInput, ProviderKind, ProviderUpdate, ProviderView } from "@/lib/runs/client/types";

type EditableKind = Exclude<ProviderKind, "offline">;

const KINDS: { value: EditableKind; label: string }[] = [
  { value: "openai", label: "OpenAI" },
  { value: "anthropic", label: "Anthropic" },
  { value: "openai-compatible", label: "OpenAI-compatible (Ollama, vLLM, LM Studio…)" },
];

const LOCAL_SERVERS = [
  { name: "Ollama", url: "http://localhost:11434/v1" },
  { name: "vLLM", url: "http://localhost:8000/v1" },
  { name: "LM Studio", url: "http://localhost:1234/v1" },
];

const MODEL_HINTS: Record<EditableKind, string> = {
  openai: "gpt-4o-mini, gpt-4o",
  anthropic: "claude-3-5-haiku-latest, claude-sonnet-4-0",
  "openai-compatible": "llama3.1:8b, qwen2.5-coder:7b",
};

interface PriceText {
  input: string;
  output: string;
}

const parseModels = (text: string) => [...new Set(text.split(",").map((m) => m.trim()).filter(Boolean))];

function validUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export interface ProviderFormDialogProps {
  slug: string;
  /** absent: add a provider */
  provider?: ProviderView;
  onDone: () => void;
}

/**
 * Add or edit a model provider. The API key is write-only: it is sent once, stored encrypted, and from then on the
 * page only ever shows its last four characters. Mount inside a <Dialog> only while it is open, so that nothing
 * typed (the key above all) outlives the dialog.
 */
export function ProviderFormDialog({ slug, provider, onDone }: ProviderFormDialogProps) {
  const editing = !!provider;
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<EditableKind>((provider?.kind as EditableKind) ?? "openai-compatible");
  const [name, setName] = useState(provider?.name ?? "");
  const [baseUrl, setBaseUrl] = useState(provider?.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [removeKey, setRemoveKey] = useState(false);
  const [modelsText, setModelsText] = useState(provider?.models.join(", ") ?? "");
  const [defaultModel, setDefaultModel] = useState(provider?.defaultModel ?? "");
  const [prices, setPrices] = useState<Record<string, PriceText>>(() =>
    Object.fromEntries(Object.entries(provider?.prices ?? {}).map(([m, p]) => [m, { input: String(p.inputPerMillion), output: String(p.outputPerMillion) }])),
  );
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [makeDefault, setMakeDefault] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ids = { enabled: useId(), makeDefault: useId(), removeKey: useId(), prices: useId() };

  const models = useMemo(() => parseModels(modelsText), [modelsText]);
  const effectiveDefault = models.includes(defaultModel) ? defaultModel : (models[0] ?? "");

  const save = useMutation({
    mutationFn: async () => {
      const priceMap: Record<string, ModelPrice> = {};
      for (const m of models) {
        const p = prices[m];
        if (p && (p.input.trim() !== "" || p.output.trim() !== "")) priceMap[m] = { inputPerMillion: Number(p.input || 0), outputPerMillion: Number(p.output || 0) };
      }
      if (editing) {
        const body: ProviderUpdate = {
          name: name.trim(),
          baseUrl: baseUrl.trim() ? baseUrl.trim() : null,
          models,
          defaultModel: effectiveDefault,
          prices: priceMap,
          enabled,
          ...(removeKey ? { apiKey: null } : apiKey ? { apiKey } : {}),
        };
        return (await providersApi.update(slug, provider.id, body)).provider;
      }
      const body: ProviderInput = {
        kind,
        name: name.trim(),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(apiKey ? { apiKey } : {}),
        models,
        defaultModel: effectiveDefault,
        prices: priceMap,
        enabled,
      };
      const created = (await providersApi.create(slug, body)).provider;
      if (makeDefault) await providersApi.update(slug, created.id, { makeDefault: true });
      return created;
    },
    onSuccess: (saved) => {
      // Forget what was typed, the key above all, before anything else renders.
      setApiKey("");
      save.reset();
      void queryClient.invalidateQueries({ queryKey: settingsKeys.providers(slug) });
      toast.success(editing ? `Saved ${saved?.name ?? name}` : `Added ${saved?.name ?? name}`);
      onDone();
    },
    onError: (err) => {
      setApiKey("");
      if (err instanceof ApiError) setErrors(err.fieldErrors());
    },
  });

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!name.trim()) e.name = "Enter a name, e.g. “Local Ollama”.";
    if (kind === "openai-compatible" && !baseUrl.trim()) e.baseUrl = "An OpenAI-compatible endpoint needs its base URL.";
    else if (baseUrl.trim() && !validUrl(baseUrl.trim())) e.baseUrl = "Enter an http:// or https:// URL.";
    if (models.length === 0) e.models = "List at least one model.";
    for (const m of models) {
      const p = prices[m];
      for (const v of [p?.input, p?.output]) {
        if (v && v.trim() !== "" && !(Number(v) >= 0 && Number(v) <= 10_000)) e.prices = `Prices must be between 0 and 10,000 USD per 1M tokens (${m}).`;
      }
    }
    return e;
  }

  function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length === 0) save.mutate();
  }

  const serverError = save.error && !(save.error instanceof ApiError && Object.keys(save.error.fieldErrors()).length > 0) ? save.error.message : null;

  return (
    <DialogContent className="sm:max-w-2xl">
      <DialogHeader>
        <DialogTitle>{editing ? `Edit ${provider.name}` : "Add a model provider"}</DialogTitle>
        <DialogDescription>
          {editing
            ? "Changes apply to runs started from now on."
            : "Runs can use this provider instead of the offline scaffolder. The key is stored encrypted and never shown again."}
        </DialogDescription>
      </DialogHeader>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label={editing ? "Edit provider" : "Add provider"}>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Kind" required description={editing ? "The kind of a provider cannot change." : undefined}>
            {(control) => (
              <Select value={kind} onValueChange={(v) => setKind(v as EditableKind)} disabled={editing}>
                <SelectTrigger {...control}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {KINDS.map((k) => (
                    <SelectItem key={k.value} value={k.value}>
                      {k.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          <FormField label="Name" required error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={kind === "openai-compatible" ? "Local Ollama" : kind === "anthropic" ? "Anthropic" : "OpenAI"} maxLength={60} autoComplete="off" />
          </FormField>
        </div>

        <FormField
          label="Base URL"
          required={kind === "openai-compatible"}
          error={errors.baseUrl}
          description={kind === "openai-compatible" ? "The server's OpenAI-compatible API, ending in /v1." : "Optional: leave blank for the provider's own endpoint, or point to a proxy."}
        >
          <Input type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder={kind === "openai-compatible" ? "http://localhost:11434/v1" : "https://…"} autoComplete="off" />
        </FormField>
        {kind === "openai-compatible" ? (
          <div className="-mt-2 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <span>Common local servers:</span>
            {LOCAL_SERVERS.map((s) => (
              <Button key={s.name} type="button" variant="outline" size="sm" className="h-7" onClick={() => setBaseUrl(s.url)} aria-label={`Use ${s.name}: ${s.url}`}>
                {s.name} <span className="font-mono text-muted-foreground">{s.url.replace("http://", "")}</span>
              </Button>
            ))}
          </div>
        ) : null}

        <FormField
          label="API key"
          error={errors.apiKey}
          description={
            editing
              ? provider.hasKey
                ? `A key ending in ${provider.keyHint ?? "…"} is stored. Leave blank to keep it.`
                : "No key is stored."
              : kind === "openai-compatible"
                ? "Optional: local servers such as Ollama need none."
                : "Required to call the provider. Stored encrypted; only its last four characters are ever shown."
          }
        >
          <Input
            type="password"
            value={apiKey}
            onChange={(e) => {
              setApiKey(e.target.value);
              if (e.target.value) setRemoveKey(false);
            }}
            autoComplete="new-password"
            spellCheck={false}
            placeholder={editing && provider.hasKey ? "Leave blank to keep the stored key" : kind === "anthropic" ? "sk-ant-…" : "sk-…"}
            disabled={removeKey}
          />
        </FormField>
        {editing && provider.hasKey ? (
          <label htmlFor={ids.removeKey} className="-mt-2 flex items-center gap-2 text-sm">
            <input id={ids.removeKey} type="checkbox" className="size-4 accent-primary" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} />
            Remove the stored key
          </label>
        ) : null}

        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Models" required error={errors.models} description="Comma-separated, as the provider names them.">
            <Input value={modelsText} onChange={(e) => setModelsText(e.target.value)} placeholder={MODEL_HINTS[kind]} autoComplete="off" spellCheck={false} />
          </FormField>
          <FormField label="Default model" required error={errors.defaultModel} description="Used when a run does not pick one.">
            {(control) => (
              <Select value={effectiveDefault || undefined} onValueChange={setDefaultModel} disabled={models.length === 0}>
                <SelectTrigger {...control}>
                  <SelectValue placeholder="List the models first" />
                </SelectTrigger>
                <SelectContent>
                  {models.map((m) => (
                    <SelectItem key={m} value={m}>
                      {m}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
        </div>

        <fieldset className="flex flex-col gap-2" aria-describedby={`${ids.prices}-hint`}>
          <legend className="text-sm font-medium">Prices (USD per 1M tokens)</legend>
          <p id={`${ids.prices}-hint`} className="text-xs text-muted-foreground">
            Optional. With prices, runs and estimates show a cost; without, they say “no prices set”.
          </p>
          {models.length === 0 ? (
            <p className="text-xs text-muted-foreground">List the models above to set their prices.</p>
          ) : (
            <div className="overflow-hidden rounded-md border">
              <table className="w-full text-sm">
                <thead className="bg-muted/50 text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="px-3 py-1.5 text-left font-medium">Model</th>
                    <th scope="col" className="px-3 py-1.5 text-left font-medium">Input</th>
                    <th scope="col" className="px-3 py-1.5 text-left font-medium">Output</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {models.map((m) => (
                    <tr key={m}>
                      <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-normal">{m}</th>
                      {(["input", "output"] as const).map((side) => (
                        <td key={side} className="px-3 py-1.5">
                          <Input
                            type="number"
                            min={0}
                            max={10000}
                            step="any"
                            inputMode="decimal"
                            className="h-8 w-32"
                            aria-label={`${m}: ${side} price, USD per 1M tokens`}
                            placeholder="—"
                            value={prices[m]?.[side] ?? ""}
                            onChange={(e) => setPrices((p) => ({ ...p, [m]: { input: p[m]?.input ?? "", output: p[m]?.output ?? "", [side]: e.target.value } }))}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {errors.prices ? <p className="text-xs font-medium text-destructive">{errors.prices}</p> : null}
        </fieldset>

        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <label htmlFor={ids.enabled} className="flex items-center gap-2 text-sm">
            <input id={ids.enabled} type="checkbox" className="size-4 accent-primary" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            Enabled (runs may use it)
          </label>
          {!editing ? (
            <label htmlFor={ids.makeDefault} className="flex items-center gap-2 text-sm">
              <input id={ids.makeDefault} type="checkbox" className="size-4 accent-primary" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
              Use by default for new runs
            </label>
          ) : null}
        </div>

        {serverError ? (
          <Alert variant="destructive">
            <AlertDescription>{serverError}</AlertDescription>
          </Alert>
        ) : null}

        <DialogFooter>
          <Button type="button" variant="outline" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {editing ? "Save changes" : "Add provider"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
