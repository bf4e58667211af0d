"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftRight, ChevronRight, Columns2, GitCompareArrows, History, RotateCcw, Rows3, SquarePen } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { fieldBase } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { cn } from "@/lib/utils/cn";
import { ApiError } from "@/lib/client/api";
import { specPages, specsApi } from "@/lib/specs/client/api";
import { specKeys } from "@/lib/specs/client/query-keys";
import type { RevisionView } from "@/lib/specs/client/types";
import { RelativeTime } from "@/components/ui/relative-time";
import { RevisionDiff, type DiffMode } from "@/components/specs/revision-diff";
import { ValidityBadge } from "@/components/specs/spec-badges";

/** "draft" is the live text of the spec; anything else is a revision id. */
const DRAFT = "draft";

export interface RevisionHistoryProps {
  slug: string;
  spec: { id: string; name: string; archived: boolean };
  canRestore: boolean;
}

function useVersionText(slug: string, specId: string, key: string | null) {
  const draft = useQuery({
    queryKey: specKeys.detail(slug, specId),
    queryFn: ({ signal }) => specsApi.get(slug, specId, signal),
    enabled: key === DRAFT,
    staleTime: 0,
  });
  const revision = useQuery({
    queryKey: specKeys.revision(slug, specId, key ?? "none"),
    queryFn: ({ signal }) => specsApi.revision(slug, specId, key!, signal),
    enabled: key !== null && key !== DRAFT,
    // A revision never changes.
    staleTime: Infinity,
  });
  if (key === DRAFT) return { text: draft.data?.spec.content, error: draft.error };
  return { text: revision.data?.revision.content, error: revision.error };
}

export function RevisionHistory({ slug, spec, canRestore }: RevisionHistoryProps) {
  const query = useQuery({
    queryKey: specKeys.revisions(slug, spec.id),
    queryFn: ({ signal }) => specsApi.revisions(slug, spec.id, signal),
  });
  const revisions = query.data?.revisions ?? [];
  const [picked, setPicked] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [mode, setMode] = useState<DiffMode>("split");
  const [restoring, setRestoring] = useState<RevisionView | null>(null);

  // Default: the latest revision against the one before it (or against the live draft when there is only one).
  const has = (key: string | null) => key === DRAFT || revisions.some((r) => r.id === key);
  const to = has(picked.to) ? picked.to! : revisions.length >= 2 ? revisions[0].id : DRAFT;
  const from = has(picked.from) ? picked.from! : revisions.length >= 2 ? revisions[1].id : (revisions[0]?.id ?? null);
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const labelOf = (key: string) => (key === DRAFT ? "the current draft" : `revision #${byId.get(key)?.number ?? "?"}`);

  const fromText = useVersionText(slug, spec.id, revisions.length ? from : null);
  const toText = useVersionText(slug, spec.id, revisions.length ? to : null);

  const editorLink = (
    <Button variant="outline" asChild>
      <Link href={specPages.editor(slug, spec.id)}>
        <SquarePen aria-hidden="true" />
        Back to the editor
      </Link>
    </Button>
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumb={
          <nav aria-label="Breadcrumb">
            <ol className="flex items-center gap-1">
              <li>
                <Link href={specPages.list(slug)} className="underline-offset-4 hover:text-foreground hover:underline">
                  Specs
                </Link>
              </li>
              <li aria-hidden="true">
                <ChevronRight className="size-3.5" />
              </li>
              <li>
                <Link href={specPages.editor(slug, spec.id)} className="underline-offset-4 hover:text-foreground hover:underline">
                  {spec.name}
                </Link>
              </li>
              <li aria-hidden="true">
                <ChevronRight className="size-3.5" />
              </li>
              <li aria-current="page">History</li>
            </ol>
          </nav>
        }
        title={`History of ${spec.name}`}
        description="Every saved revision, newest first. Compare any two, or restore an old one: restoring saves it again as a new revision, so nothing is lost."
        actions={editorLink}
      />

      {query.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner /> Loading revisions…
        </div>
      ) : query.isError ? (
        <Alert variant="destructive">Could not load the revisions: {query.error.message}</Alert>
      ) : revisions.length === 0 ? (
        <EmptyState
          icon={History}
          title="No revisions yet"
          description="A revision is a numbered snapshot of the spec. Open the editor and choose “Save revision” when the spec is at a point worth keeping."
          action={editorLink}
        />
      ) : (
        <>
          <section aria-labelledby="compare-heading" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <h2 id="compare-heading" className="flex items-center gap-2 text-lg font-semibold">
                <GitCompareArrows className="size-5 text-muted-foreground" aria-hidden="true" />
                Compare
              </h2>
              <div className="flex flex-wrap items-end gap-2">
                <VersionSelect label="Before" value={from ?? ""} revisions={revisions} onChange={(v) => setPicked({ from: v, to })} />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label="Swap before and after"
                  onClick={() => setPicked({ from: to, to: from })}
                  disabled={!from}
                >
                  <ArrowLeftRight aria-hidden="true" />
                </Button>
                <VersionSelect label="After" value={to} revisions={revisions} onChange={(v) => setPicked({ from, to: v })} />
                <div role="group" aria-label="Diff layout" className="ml-2 inline-flex rounded-md border p-0.5">
                  <ModeButton active={mode === "split"} onClick={() => setMode("split")} icon={<Columns2 aria-hidden="true" />}>
                    Side by side
                  </ModeButton>
                  <ModeButton active={mode === "unified"} onClick={() => setMode("unified")} icon={<Rows3 aria-hidden="true" />}>
                    Inline
                  </ModeButton>
                </div>
              </div>
            </div>
            {fromText.error || toText.error ? (
              <Alert variant="destructive">Could not load a version to compare: {(fromText.error ?? toText.error)!.message}</Alert>
            ) : from && fromText.text !== undefined && toText.text !== undefined ? (
              <RevisionDiff a={{ label: labelOf(from), text: fromText.text }} b={{ label: labelOf(to), text: toText.text }} mode={mode} />
            ) : (
              <div className="flex flex-col gap-2" aria-busy="true">
                <span className="sr-only">Loading the comparison…</span>
                <Skeleton className="h-5 w-72" />
                <Skeleton className="h-64 w-full" />
              </div>
            )}
          </section>

          <section aria-labelledby="revisions-heading" className="flex flex-col gap-3">
            <h2 id="revisions-heading" className="text-lg font-semibold">
              Revisions
            </h2>
            <Table>
              <TableCaption className="sr-only">Revisions of {spec.name}, newest first</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-20">Revision</TableHead>
                  <TableHead>Message</TableHead>
                  <TableHead>Author</TableHead>
                  <TableHead>Saved</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {revisions.map((r, i) => {
                  const restoredFrom = r.restoredFromId ? byId.get(r.restoredFromId) : undefined;
                  const comparing = r.id === from || r.id === to;
                  return (
                    <TableRow key={r.id} data-state={comparing ? "selected" : undefined}>
                      <TableCell className="font-medium tabular-nums">
                        <span className="flex items-center gap-2">
                          #{r.number}
                          {i === 0 ? <Badge variant="info">Latest</Badge> : null}
                          {comparing ? <span className="sr-only">(in the comparison above)</span> : null}
                        </span>
                      </TableCell>
                      <TableCell className="max-w-md">
                        <span className="block break-words">{r.message}</span>
                        {r.restoredFromId ? (
                          <span className="mt-0.5 flex items-center gap-1 text-xs text-muted-foreground">
                            <RotateCcw className="size-3" aria-hidden="true" />
                            Restored from {restoredFrom ? `revision #${restoredFrom.number}` : "an earlier revision"}
                          </span>
                        ) : null}
                      </TableCell>
                      <TableCell className="text-muted-foreground">{r.author ?? "Unknown"}</TableCell>
                      <TableCell className="whitespace-nowrap text-muted-foreground">
                        <RelativeTime iso={r.createdAt} />
                      </TableCell>
                      <TableCell>
                        <ValidityBadge valid={r.valid} />
                      </TableCell>
                      <TableCell className="text-right">
                        <div className="flex justify-end gap-1">
                          <Button
                            size="sm"
                            variant="ghost"
                            aria-label={`Compare revision #${r.number} with the one before it`}
                            onClick={() => setPicked({ from: revisions[i + 1]?.id ?? r.id, to: revisions[i + 1] ? r.id : DRAFT })}
                          >
                            Compare
                          </Button>
                          {canRestore && !spec.archived ? (
                            <Button size="sm" variant="outline" aria-label={`Restore revision #${r.number}`} onClick={() => setRestoring(r)}>
                              <RotateCcw aria-hidden="true" />
                              Restore
                            </Button>
                          ) : null}
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            {canRestore && spec.archived ? (
              <p className="text-sm text-muted-foreground">This spec is archived: unarchive it from the spec list to restore a revision.</p>
            ) : null}
          </section>
        </>
      )}

      <RestoreDialog slug={slug} specId={spec.id} revision={restoring} onClose={() => setRestoring(null)} />
    </div>
  );
}

function ModeButton({ active, onClick, icon, children }: { active: boolean; onClick: () => void; icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-pressed={active}
      onClick={onClick}
      className={cn("h-7", active && "bg-accent text-accent-foreground")}
    >
      {icon}
      {children}
    </Button>
  );
}

function VersionSelect({ label, value, revisions, onChange }: { label: string; value: string; revisions: RevisionView[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={cn(fieldBase, "h-9 w-64 pr-8")}>
        <option value={DRAFT}>Current draft (live text)</option>
        {revisions.map((r) => (
          <option key={r.id} value={r.id}>
            #{r.number} — {r.message.length > 40 ? `${r.message.slice(0, 39)}…` : r.message}
          </option>
        ))}
      </select>
    </div>
  );
}

function RestoreDialog({ slug, specId, revision, onClose }: { slug: string; specId: string; revision: RevisionView | null; onClose: () => void }) {
  const qc = useQueryClient();
  const router = useRouter();
  const restore = useMutation({
    mutationFn: (r: RevisionView) => specsApi.restore(slug, specId, r.id),
    onSuccess: ({ revision: saved }, r) => {
      void qc.invalidateQueries({ queryKey: specKeys.all(slug) });
      toast.success(`Restored revision #${r.number}`, {
        description: `Saved as revision #${saved.number}${saved.valid ? "" : " (invalid: it cannot be run until fixed)"}. Everyone editing now sees its text.`,
      });
      onClose();
      router.push(specPages.editor(slug, specId));
    },
  });
  return (
    <Dialog
      open={revision !== null}
      onOpenChange={(o) => {
        if (!o) {
          restore.reset();
          onClose();
        }
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Restore revision #{revision?.number}?</DialogTitle>
          <DialogDescription>
            The live text is replaced by the text of revision #{revision?.number} for everyone editing, and saved as a new revision. The current text stays
            in the history, so you can come back to it.
          </DialogDescription>
        </DialogHeader>
        {restore.error ? (
          <Alert variant="destructive">
            Could not restore: {restore.error instanceof ApiError ? restore.error.message : "something went wrong. Try again."}
          </Alert>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={restore.isPending} onClick={() => revision && restore.mutate(revision)}>
            <RotateCcw aria-hidden="true" />
            Restore revision #{revision?.number}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
