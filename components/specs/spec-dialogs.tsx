"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileCode2, FilePlus2, FileUp } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { cn } from "@/lib/utils/cn";
import { ApiError } from "@/lib/client/api";
import { SPEC_EXAMPLES } from "@/lib/specs/examples";
import { specPages, specsApi } from "@/lib/specs/client/api";
import { readSpecFile } from "@/lib/specs/client/file-import";
import { specKeys } from "@/lib/specs/client/query-keys";
import type { SpecSummary } from "@/lib/specs/client/types";

/** Field errors and a general message from an API error, for a form with a `name` field. */
function formErrors(err: unknown): { name?: string; content?: string; general?: string } {
  if (!(err instanceof ApiError)) return { general: "Something went wrong. Try again." };
  if (err.status === 409) return { name: `${err.message} Choose another name.` };
  const fields = err.fieldErrors();
  if (fields.name || fields.content) return { name: fields.name, content: fields.content };
  if (err.status === 413) return { content: "This file is larger than the 1 MB a spec can be. Split it into smaller specs." };
  if (err.status === 403) return { general: `${err.message} Ask a workspace admin for the editor role.` };
  return { general: err.message };
}

function useCreateSpec(slug: string) {
  const qc = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (body: Parameters<typeof specsApi.create>[1]) => specsApi.create(slug, body),
    onSuccess: ({ spec }, body) => {
      void qc.invalidateQueries({ queryKey: specKeys.lists(slug) });
      toast.success(body.source === "import" ? `Imported “${spec.name}”` : `Created “${spec.name}”`, {
        description: spec.valid ? "Opening the editor…" : "It has problems to fix: see the Problems panel in the editor.",
      });
      router.push(specPages.editor(slug, spec.id));
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// New spec
// ---------------------------------------------------------------------------------------------------------------

const STARTS = [
  { id: "blank", title: "Blank spec", description: "A workflow with one step to fill in." },
  ...SPEC_EXAMPLES.map((e) => ({ id: e.id, title: e.title, description: `${e.yaml.split("\n").length - 1} lines, ready to run.` })),
];

export function NewSpecDialog({ slug, open, onOpenChange }: { slug: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = useState("");
  const [start, setStart] = useState("blank");
  const create = useCreateSpec(slug);
  const errors = create.error ? formErrors(create.error) : {};
  const [localError, setLocalError] = useState<string | null>(null);
  const groupId = useId();

  function close(next: boolean) {
    if (!next) {
      setName("");
      setStart("blank");
      setLocalError(null);
      create.reset();
    }
    onOpenChange(next);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setLocalError("Enter a name for the spec.");
      return;
    }
    setLocalError(null);
    const example = SPEC_EXAMPLES.find((x) => x.id === start);
    create.mutate(example ? { name: name.trim(), content: example.yaml, source: "example" } : { name: name.trim(), source: "blank" });
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>New spec</DialogTitle>
          <DialogDescription>Name the workflow and pick a starting point. You can change everything in the editor.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-5" noValidate>
          <FormField label="Name" required error={localError ?? errors.name} description="Unique in this workspace, e.g. Customer onboarding.">
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoFocus autoComplete="off" />
          </FormField>
          <fieldset className="grid gap-2" aria-describedby={`${groupId}-hint`}>
            <legend className="mb-2 text-sm font-medium">Start from</legend>
            <p id={`${groupId}-hint`} className="sr-only">
              A blank spec or one of the examples.
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              {STARTS.map((s) => (
                <label
                  key={s.id}
                  className={cn(
                    "flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors hover:bg-accent/60",
                    "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                    start === s.id && "border-primary bg-primary/5",
                  )}
                >
                  <input
                    type="radio"
                    name="start"
                    value={s.id}
                    checked={start === s.id}
                    onChange={() => setStart(s.id)}
                    className="mt-0.5 size-4 accent-[var(--primary)]"
                  />
                  <span className="grid gap-0.5">
                    <span className="flex items-center gap-1.5 font-medium">
                      {s.id === "blank" ? <FilePlus2 className="size-4" aria-hidden="true" /> : <FileCode2 className="size-4" aria-hidden="true" />}
                      {s.title}
                    </span>
                    <span className="text-xs text-muted-foreground">{s.description}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {errors.general ? <Alert variant="destructive">{errors.general}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create spec
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

export function ImportSpecDialog({ slug, open, onOpenChange }: { slug: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const create = useCreateSpec(slug);
  const errors = create.error ? formErrors(create.error) : {};

  function close(next: boolean) {
    if (!next) {
      setName("");
      setNameTouched(false);
      setFile(null);
      setFileError(null);
      setNameError(null);
      create.reset();
    }
    onOpenChange(next);
  }

  async function onFile(list: FileList | null) {
    const chosen = list?.[0];
    create.reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    setReading(true);
    const result = await readSpecFile(chosen);
    setReading(false);
    if (!result.ok) {
      setFileError(result.error);
      return;
    }
    setFile({ fileName: chosen.name, content: result.content });
    if (!nameTouched || !name.trim()) setName(result.name);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileError(fileError ?? "Choose a .yaml or .yml file to import.");
      inputRef.current?.focus();
      return;
    }
    if (!name.trim()) {
      setNameError("Enter a name for the spec.");
      return;
    }
    setNameError(null);
    create.mutate({ name: name.trim(), content: file.content, source: "import" });
  }

  const lines = file ? file.content.split("\n").length - (file.content.endsWith("\n") ? 1 : 0) : 0;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Import a YAML spec</DialogTitle>
          <DialogDescription>The file becomes a new spec in this workspace. Problems in it are shown in the editor; nothing is lost.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-5" noValidate>
          <FormField label="YAML file" required error={fileError ?? errors.content} description="A UTF-8 text file ending in .yaml or .yml, up to 1 MB.">
            <Input
              ref={inputRef}
              type="file"
              accept=".yaml,.yml,application/yaml,application/x-yaml,text/yaml"
              onChange={(e) => void onFile(e.target.files)}
              className="h-auto py-1.5"
            />
          </FormField>
          <p role="status" aria-live="polite" className="-mt-3 min-h-4 text-xs text-muted-foreground">
            {reading ? "Reading the file…" : file ? `Ready to import “${file.fileName}”: ${lines} ${lines === 1 ? "line" : "lines"}.` : ""}
          </p>
          <FormField label="Name" required error={nameError ?? errors.name} description="Taken from the file name; change it if you like.">
            <Input
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setNameTouched(true);
              }}
              maxLength={120}
              autoComplete="off"
            />
          </FormField>
          {errors.general ? <Alert variant="destructive">{errors.general}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || reading}>
              <FileUp aria-hidden="true" />
              Import spec
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Rename
// ---------------------------------------------------------------------------------------------------------------

export function RenameSpecDialog({ slug, spec, onOpenChange }: { slug: string; spec: SpecSummary | null; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={spec !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        {/* Keyed so that each spec opens the form with its own name. */}
        {spec ? <RenameForm key={spec.id} slug={slug} spec={spec} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function RenameForm({ slug, spec, onDone }: { slug: string; spec: SpecSummary; onDone: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState(spec.name);
  const [localError, setLocalError] = useState<string | null>(null);
  const rename = useMutation({
    mutationFn: (next: string) => specsApi.update(slug, spec.id, { name: next }),
    onSuccess: ({ spec: updated }) => {
      void qc.invalidateQueries({ queryKey: specKeys.all(slug) });
      toast.success(`Renamed to “${updated.name}”`);
      onDone();
    },
  });
  const errors = rename.error ? formErrors(rename.error) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = name.trim();
    if (!next) return setLocalError("Enter a name for the spec.");
    setLocalError(null);
    if (next === spec.name) return onDone();
    rename.mutate(next);
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Rename spec</DialogTitle>
        <DialogDescription>Links to the spec keep working; the audit trail records the old and new names.</DialogDescription>
      </DialogHeader>
      <form onSubmit={submit} className="grid gap-5" noValidate>
        <FormField label="Name" required error={localError ?? errors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoFocus autoComplete="off" onFocus={(e) => e.currentTarget.select()} />
        </FormField>
        {errors.general ? <Alert variant="destructive">{errors.general}</Alert> : null}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={rename.isPending}>
            Rename
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}
