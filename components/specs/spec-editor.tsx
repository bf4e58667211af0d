"use client";

import { useCallback, useRef, useState } from "react";
import Link from "next/link";
import { ChevronRight, History, Lock } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { specPages, specsApi } from "@/lib/specs/client/api";
import { ValidityBadge } from "@/components/specs/spec-badges";
import { OutlinePanel } from "@/components/specs/outline-panel";
import { PresenceBar } from "@/components/specs/presence-bar";
import { ProblemsPanel } from "@/components/specs/problems-panel";
import { SaveRevisionDialog } from "@/components/specs/save-revision-dialog";
import { TriggerRunButton } from "@/components/runs/trigger-run-dialog";
import { SyncStatusIndicator } from "@/components/specs/sync-status";
import { useCollabEditor } from "@/components/specs/use-collab-editor";

export interface SpecEditorProps {
  slug: string;
  spec: { id: string; name: string; archived: boolean };
  user: { id: string; name: string };
  role: string;
  /** spec:write, and the spec is not archived (the server's `hello` has the last word) */
  canEdit: boolean;
  canArchive: boolean;
  /** run:trigger in this workspace */
  canTrigger?: boolean;
}

const HINT_ID = "spec-editor-keys";

export function SpecEditor({ slug, spec, user, role, canEdit: initialCanEdit, canArchive, canTrigger = false }: SpecEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  // A refused edit is explained by the alert above the editor (role="alert"), not by a toast as well.
  const onRefused = useCallback(() => undefined, []);
  const editor = useCollabEditor({
    host,
    slug,
    specId: spec.id,
    user,
    initialCanEdit,
    label: "Spec YAML",
    describedBy: HINT_ID,
    onRefused,
  });
  const { status, hello, synced, canEdit, refused, peers, analysis, unsent, retryingInMs, jumpTo, waitUntilSent } = editor;
  const archived = hello ? hello.archived : spec.archived;
  const errors = analysis?.diagnostics.filter((d) => d.severity === "error").length ?? 0;

  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-3 border-b pb-4">
        <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
          <ol className="flex items-center gap-1">
            <li>
              <Link href={specPages.list(slug)} className="underline-offset-4 hover:text-foreground hover:underline">
                Specs
              </Link>
            </li>
            <li aria-hidden="true">
              <ChevronRight className="size-3.5" />
            </li>
            <li aria-current="page" className="truncate">
              {spec.name}
            </li>
          </ol>
        </nav>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex min-w-0 items-center gap-3">
            <h1 className="truncate text-2xl font-semibold tracking-tight">{spec.name}</h1>
            {analysis && synced ? <ValidityBadge valid={analysis.valid} /> : null}
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            <Button variant="outline" asChild>
              <Link href={specPages.history(slug, spec.id)}>
                <History aria-hidden="true" />
                History
              </Link>
            </Button>
            {canEdit ? (
              <SaveRevisionDialog slug={slug} specId={spec.id} offline={status === "offline"} problems={errors} waitUntilSent={waitUntilSent} />
            ) : null}
            <TriggerRunButton slug={slug} specId={spec.id} canTrigger={canTrigger} />
          </div>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
          <SyncStatusIndicator status={status} unsent={unsent} synced={synced} retryingInMs={retryingInMs} />
          <PresenceBar peers={peers} />
        </div>
      </header>

      {refused ? (
        <Alert variant="destructive">
          <AlertTitle>Your last edit was not saved</AlertTitle>
          <AlertDescription>
            <p>
              {refused} The editor is paused so that nothing else is lost; reload to see the saved text{canEdit ? " and keep editing" : ""}.
            </p>
            <Button size="sm" variant="outline" className="mt-1" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}

      {!canEdit ? <ReadOnlyNote role={hello?.role ?? role} archived={archived} canArchive={canArchive} slug={slug} specId={spec.id} /> : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <div className="relative">
            <div
              ref={host}
              data-testid="spec-editor"
              className="h-[60vh] min-h-96 overflow-hidden rounded-lg border focus-within:ring-2 focus-within:ring-ring focus-within:ring-offset-2 focus-within:ring-offset-background"
            />
            {!synced ? (
              <div className="absolute inset-0 flex items-center justify-center rounded-lg bg-background/80">
                <Spinner showLabel label={status === "offline" ? "Can’t reach the studio — retrying…" : "Loading the document…"} />
              </div>
            ) : null}
          </div>
          <p id={HINT_ID} className="-mt-2 text-xs text-muted-foreground">
            {canEdit
              ? "Tab indents; press Esc then Tab to leave the editor. Ctrl+Space suggests step ids in depends_on; F8 goes to the next problem."
              : "Read only. Press Esc then Tab to leave the editor."}
          </p>
          <ProblemsPanel diagnostics={analysis?.diagnostics ?? null} ready={synced} onJump={jumpTo} />
        </div>
        <OutlinePanel outline={synced ? (analysis?.outline ?? null) : null} onJump={jumpTo} />
      </div>
    </div>
  );
}

function ReadOnlyNote({ role, archived, canArchive, slug, specId }: { role: string; archived: boolean; canArchive: boolean; slug: string; specId: string }) {
  const [busy, setBusy] = useState(false);
  async function unarchive() {
    setBusy(true);
    try {
      await specsApi.update(slug, specId, { archived: false });
      // The live connection says whether we may edit when it opens: reopen it.
      window.location.reload();
    } catch (err) {
      setBusy(false);
      toast.error("Could not unarchive the spec", { description: err instanceof ApiError ? err.message : "Try again." });
    }
  }
  if (archived) {
    return (
      <Alert variant="info" icon={<Lock aria-hidden="true" />}>
        <AlertTitle>Read only — this spec is archived</AlertTitle>
        <AlertDescription>
          <p>Archived specs keep their text and history but cannot be edited.{canArchive ? " Unarchive it to edit." : ""}</p>
          {canArchive ? (
            <Button size="sm" variant="outline" onClick={() => void unarchive()} loading={busy} className="mt-1">
              Unarchive
            </Button>
          ) : null}
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="info" icon={<Lock aria-hidden="true" />}>
      <AlertTitle>Read only — your role is {role}</AlertTitle>
      <AlertDescription>You can read this spec and see who is editing it. Ask a workspace admin for the editor role to make changes.</AlertDescription>
    </Alert>
  );
}
