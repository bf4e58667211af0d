import { CircleCheck, CircleDashed, CircleX, Clock, Cpu, History, MessageSquare, Repeat2, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { SCAFFOLDER_LABEL } from "@/lib/review/client/format";
import type { ReviewState, RunReviewSummary } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

const LOOK: Record<ReviewState, { variant: "success" | "destructive" | "muted"; icon: typeof Clock; label: string }> = {
  approved: { variant: "success", icon: CircleCheck, label: "Approved" },
  changes_requested: { variant: "destructive", icon: CircleX, label: "Changes requested" },
  pending: { variant: "muted", icon: CircleDashed, label: "Pending review" },
};

/** A module's review state in words, icon and colour (never colour alone). */
export function ReviewStateBadge({ state, className, compact = false }: { state: ReviewState; className?: string; compact?: boolean }) {
  const look = LOOK[state];
  const Icon = look.icon;
  return (
    <Badge variant={look.variant} className={className} data-testid="review-state" data-state={state}>
      <Icon aria-hidden="true" />
      {compact ? <span className="sr-only">{look.label}</span> : look.label}
    </Badge>
  );
}

/** Just the state's icon, coloured, with its name for screen readers (for dense lists). */
export function ReviewStateIcon({ state, className }: { state: ReviewState; className?: string }) {
  const look = LOOK[state];
  const Icon = look.icon;
  const tone = state === "approved" ? "text-success" : state === "changes_requested" ? "text-destructive" : "text-muted-foreground";
  return (
    <span className={cn("inline-flex shrink-0", tone, className)} title={look.label} data-state={state}>
      <Icon className="size-4" aria-hidden="true" />
      <span className="sr-only">{look.label}</span>
    </span>
  );
}

/** The run's review summary: "3 of 4 approved", "changes requested on 1 of 9". */
export function SummaryBadge({ summary, className }: { summary: RunReviewSummary; className?: string }) {
  const variant = summary.state === "approved" ? "success" : summary.state === "changes_requested" ? "destructive" : "muted";
  const Icon = summary.state === "approved" ? CircleCheck : summary.state === "changes_requested" ? CircleX : CircleDashed;
  return (
    <Badge variant={variant} className={className} data-testid="review-summary" data-state={summary.state}>
      <Icon aria-hidden="true" />
      {summary.label}
    </Badge>
  );
}

export function StaleBadge({ reason, className }: { reason: string; className?: string }) {
  return (
    <Badge variant="warning" className={className} title={reason} data-testid="stale-badge">
      <History aria-hidden="true" />
      Stale
      <span className="sr-only">: {reason}</span>
    </Badge>
  );
}

export function CarriedOverBadge({ className }: { className?: string }) {
  return (
    <Badge variant="outline" className={className} title="Carried over unchanged from an earlier run, with its reviews" data-testid="carried-badge">
      <Repeat2 aria-hidden="true" />
      Carried over
    </Badge>
  );
}

export function FindingsBadge({ count, className }: { count: number; className?: string }) {
  if (!count) return null;
  return (
    <Badge variant="warning" className={className} title={`${count} output-check ${count === 1 ? "finding" : "findings"}`}>
      <TriangleAlert aria-hidden="true" />
      {count}
      <span className="sr-only">{count === 1 ? " finding" : " findings"}</span>
    </Badge>
  );
}

export function ThreadsBadge({ count, className }: { count: number; className?: string }) {
  if (!count) return null;
  return (
    <Badge variant="info" className={className} title={`${count} open ${count === 1 ? "thread" : "threads"}`}>
      <MessageSquare aria-hidden="true" />
      {count}
      <span className="sr-only">{count === 1 ? " open thread" : " open threads"}</span>
    </Badge>
  );
}

export function OfflineLabel({ className }: { className?: string }) {
  return (
    <Badge variant="warning" className={className} data-testid="offline-label">
      <Cpu aria-hidden="true" />
      {SCAFFOLDER_LABEL}
    </Badge>
  );
}
