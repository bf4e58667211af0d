"use client";

import { useId, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { CircleCheck, CircleX, Info } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { RelativeTime } from "@/components/ui/relative-time";
import { ReviewStateBadge } from "@/components/review/review-badges";
import { reviewApi } from "@/lib/review/client/api";
import type { ModuleReview, ReviewPermissions } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export interface DecisionPanelProps {
  moduleId: string;
  path: string;
  review: ModuleReview;
  approvalsRequired: number;
  allowSelfApproval: boolean;
  permissions: ReviewPermissions;
  /** the run is still being generated: decisions wait */
  runLive: boolean;
  onDecided: (announce: string) => void;
}

/**
 * Approve or request changes on the selected module, with the decisions that stand. Who may not decide sees why:
 * a role without review:decide, or a self-approval the workspace does not allow (the server enforces both and
 * its message is shown when it refuses).
 */
export function DecisionPanel({ moduleId, path, review, approvalsRequired, allowSelfApproval, permissions, runLive, onDecided }: DecisionPanelProps) {
  const id = useId();
  const [writing, setWriting] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const [comment, setComment] = useState("");
  const [missingComment, setMissingComment] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: "approve" | "request_changes") => reviewApi.decide(moduleId, decision, writing ? comment.trim() : ""),
    onSuccess: (_, decision) => {
      setComment("");
      if (writing) requestAnimationFrame(() => sectionRef.current?.focus());
      setWriting(false);
      onDecided(decision === "approve" ? `You approved ${path}.` : `You requested changes on ${path}.`);
    },
  });
  const selfBlocked = permissions.triggeredRun && !allowSelfApproval;
  const standing = [
    ...review.approvals.map((d) => ({ ...d, kind: "approve" as const })),
    ...review.changesRequested.map((d) => ({ ...d, kind: "request_changes" as const })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const pendingAs = (d: "approve" | "request_changes") => decide.isPending && decide.variables === d;

  function requestChanges() {
    if (!writing) {
      setWriting(true);
      decide.reset();
      return;
    }
    if (!comment.trim()) {
      setMissingComment(true);
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    decide.mutate("request_changes");
  }

  const approveButton = (
    <Button
      size="sm"
      onClick={() => decide.mutate("approve")}
      disabled={selfBlocked}
      loading={pendingAs("approve")}
      aria-describedby={selfBlocked ? `${id}-self` : undefined}
    >
      {!pendingAs("approve") ? <CircleCheck aria-hidden="true" /> : null}
      {writing ? "Approve with comment" : "Approve"}
    </Button>
  );

  return (
    <section ref={sectionRef} tabIndex={-1} aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-lg border bg-card p-4 shadow-xs outline-hidden focus-visible:ring-2 focus-visible:ring-ring" data-testid="decision-panel">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          Decision
        </h3>
        <ReviewStateBadge state={review.state} />
        <span className="text-xs text-muted-foreground">
          {review.approvals.length} of {approvalsRequired} {approvalsRequired === 1 ? "approval" : "approvals"}
        </span>
        {permissions.canDecide && !runLive && !writing ? (
          <div className="ml-auto flex flex-wrap items-center gap-2">
            {approveButton}
            <Button size="sm" variant="outline" className="text-destructive hover:text-destructive" onClick={requestChanges} aria-expanded={false} aria-controls={`${id}-form`}>
              <CircleX aria-hidden="true" />
              Request changes…
            </Button>
          </div>
        ) : null}
      </div>

      {standing.length ? (
        <ul className="flex flex-col gap-1.5 text-sm" aria-label="Current decisions" data-testid="decisions">
          {standing.map((d) => (
            <li key={`${d.kind}-${d.reviewer}`} className="flex items-start gap-2">
              {d.kind === "approve" ? <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" /> : <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />}
              <span className="min-w-0">
                <span className="font-medium">{d.reviewer}</span> {d.kind === "approve" ? "approved" : "requested changes"}{" "}
                <RelativeTime iso={d.at} className="text-xs text-muted-foreground" />
                {d.comment ? <span className="block break-words whitespace-pre-wrap text-muted-foreground">“{d.comment}”</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No decisions yet.</p>
      )}

      {!permissions.canDecide ? (
        <p className="flex items-start gap-2 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground" data-testid="cannot-decide">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          Your role ({permissions.role}) can read reviews but not decide. Reviewers, editors, admins and owners approve or request changes.
        </p>
      ) : runLive ? (
        <p className="flex items-start gap-2 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          The run is still generating code: decide once it has finished.
        </p>
      ) : writing ? (
        <form
          id={`${id}-form`}
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            requestChanges();
          }}
        >
          <label htmlFor={`${id}-comment`} className="text-sm font-medium">
            What should change? <span className="font-normal text-muted-foreground">(required to request changes)</span>
          </label>
          <Textarea
            id={`${id}-comment`}
            value={comment}
            rows={3}
            className="min-h-16 text-sm"
            // Opened by "Request changes…": the person is about to type.
            autoFocus
            aria-invalid={missingComment && !comment.trim() ? true : undefined}
            aria-describedby={missingComment && !comment.trim() ? `${id}-missing` : undefined}
            onChange={(e) => {
              setComment(e.target.value);
              if (e.target.value.trim()) setMissingComment(false);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setWriting(false);
            }}
          />
          {missingComment && !comment.trim() ? (
            <p id={`${id}-missing`} role="alert" className="text-sm text-destructive">
              Say what should change: a comment is required when requesting changes.
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" size="sm" variant="destructive" loading={pendingAs("request_changes")}>
              {!pendingAs("request_changes") ? <CircleX aria-hidden="true" /> : null}
              Request changes
            </Button>
            {approveButton}
            <Button type="button" size="sm" variant="ghost" onClick={() => setWriting(false)} disabled={decide.isPending}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {permissions.canDecide && !runLive && selfBlocked ? (
        <p id={`${id}-self`} className="text-xs text-muted-foreground" data-testid="self-approval-note">
          You started this run, and this workspace does not let people approve their own runs: another reviewer approves it. You can still request changes.
        </p>
      ) : null}
      {decide.error ? (
        <p role="alert" className={cn("rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive")} data-testid="decision-error">
          {decide.error.message}
        </p>
      ) : null}
    </section>
  );
}
