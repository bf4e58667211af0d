"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { ChevronDown, Download, FileArchive, FileDiff, GitCompareArrows, PackageCheck, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toast";
import { newIdempotencyKey, reviewApi, reviewPages, reviewPaths } from "@/lib/review/client/api";
import { downloadFromApi } from "@/lib/review/client/download";

export type ActionProblem = { title: string; message: string } | null;

type ExportKind = "zip" | "zip-all" | "patch";

const EXPORTS: Record<ExportKind, { format: "zip" | "patch"; all: boolean; label: string; hint: string; icon: typeof Download }> = {
  zip: { format: "zip", all: false, label: "Export approved (.zip)", hint: "approved files and a README naming who approved them", icon: PackageCheck },
  "zip-all": { format: "zip", all: true, label: "Export all with status (.zip)", hint: "every file; the README marks each one's review state", icon: FileArchive },
  patch: { format: "patch", all: false, label: "Export as patch", hint: "approved files as a diff against the spec's previous export", icon: FileDiff },
};

export interface ReviewActionsProps {
  slug: string;
  run: { id: string; number: number; specName: string; finished: boolean };
  canExport: boolean;
  canTrigger: boolean;
  /** steps whose definition changed since this run (stale modules' steps) */
  changedSteps: string[];
  compareWith: string | null;
  onProblem: (p: ActionProblem) => void;
}

/**
 * The review page's actions: export (downloads are fetched first so a refusal shows the server's message),
 * compare with another run, and re-run only the steps that changed (then open the new run).
 */
export function ReviewActions({ slug, run, canExport, canTrigger, changedSteps, compareWith, onProblem }: ReviewActionsProps) {
  const router = useRouter();
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [rerunKey, setRerunKey] = useState(newIdempotencyKey);

  async function doExport(kind: ExportKind) {
    const e = EXPORTS[kind];
    setExporting(kind);
    onProblem(null);
    try {
      const base = `${run.specName.replace(/[^A-Za-z0-9._-]+/g, "_")}-run-${run.number}`;
      const { filename } = await downloadFromApi(reviewPaths.export(run.id, e.format, e.all), `${base}.${e.format}`);
      toast.success(`Downloaded ${filename}`, { description: e.hint });
    } catch (err) {
      onProblem({ title: "Could not export", message: (err as Error).message });
    } finally {
      setExporting(null);
    }
  }

  const rerun = useMutation({
    mutationFn: () => reviewApi.rerunChanged(run.id, rerunKey),
    onMutate: () => onProblem(null),
    onSuccess: ({ run: next }) => {
      setRerunKey(newIdempotencyKey());
      toast.success(`Run #${next.number} started`, { description: "Only the changed steps are regenerated; the others are carried over with their reviews." });
      router.push(reviewPages.run(slug, next.id));
    },
    onError: (err) => onProblem({ title: "Could not re-run the changed steps", message: err.message }),
  });

  return (
    <>
      {compareWith ? (
        <Button asChild variant="outline">
          <Link href={reviewPages.compare(slug, run.id, compareWith)}>
            <GitCompareArrows aria-hidden="true" />
            Compare runs
          </Link>
        </Button>
      ) : null}
      {canTrigger ? (
        <Button
          variant="outline"
          onClick={() => rerun.mutate()}
          loading={rerun.isPending || rerun.isSuccess}
          // Nothing to regenerate when no step changed: the server would only refuse it.
          disabled={!run.finished || changedSteps.length === 0}
          title={changedSteps.length ? `Changed since this run: ${changedSteps.join(", ")}` : "No step looks changed since this run"}
          aria-describedby="rerun-hint"
        >
          {!(rerun.isPending || rerun.isSuccess) ? <RotateCcw aria-hidden="true" /> : null}
          Re-run changed steps
        </Button>
      ) : null}
      {canTrigger ? (
        <span id="rerun-hint" className="sr-only">
          {changedSteps.length ? `Changed since this run: ${changedSteps.join(", ")}.` : "No step looks changed since this run."}
        </span>
      ) : null}
      {canExport ? (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button loading={exporting !== null} disabled={!run.finished}>
              {exporting === null ? <Download aria-hidden="true" /> : null}
              Export
              <ChevronDown aria-hidden="true" className="-mr-1 opacity-70" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-80">
            <DropdownMenuLabel>Download run #{run.number}</DropdownMenuLabel>
            <DropdownMenuSeparator />
            {(Object.keys(EXPORTS) as ExportKind[]).map((k) => {
              const e = EXPORTS[k];
              const Icon = e.icon;
              return (
                <DropdownMenuItem key={k} onSelect={() => void doExport(k)} className="items-start">
                  <Icon aria-hidden="true" className="mt-0.5" />
                  <span className="flex flex-col">
                    <span>{e.label}</span>
                    <span className="text-xs text-muted-foreground">{e.hint}</span>
                  </span>
                </DropdownMenuItem>
              );
            })}
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
    </>
  );
}
