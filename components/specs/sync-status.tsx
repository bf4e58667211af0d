"use client";

import { Check, CloudOff, LoaderCircle, RefreshCw } from "lucide-react";
import type { SyncStatus } from "@/lib/collab/client-provider";
import { cn } from "@/lib/utils/cn";

/** Where your edits are: saved on the server, on their way, or kept locally while offline. */
export function SyncStatusIndicator({ status, unsent, synced, retryingInMs = null }: { status: SyncStatus; unsent: number; synced: boolean; retryingInMs?: number | null }) {
  let icon = <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />;
  let text = "Connecting…";
  let tone = "text-muted-foreground";
  if (status === "offline") {
    icon = <CloudOff className="size-4" aria-hidden="true" />;
    text = synced ? "Offline — your edits are kept and will sync when you reconnect" : "Can’t reach the studio — retrying…";
    tone = "text-warning";
  } else if (status === "synced" && unsent > 0 && retryingInMs !== null) {
    icon = <RefreshCw className="size-4" aria-hidden="true" />;
    // No countdown: the text sits in a live region, and a ticking number would be read out every second.
    text = "The studio is busy — your edits are kept and will be sent again shortly";
    tone = "text-warning";
  } else if (status === "synced" && unsent > 0) {
    icon = <RefreshCw className="size-4 animate-spin [animation-duration:2s]" aria-hidden="true" />;
    text = "Saving…";
  } else if (status === "synced") {
    icon = <Check className="size-4" aria-hidden="true" />;
    text = "Saved";
    tone = "text-success";
  } else if (status === "read-only-error") {
    icon = <CloudOff className="size-4" aria-hidden="true" />;
    text = "Your edits could not be saved";
    tone = "text-destructive";
  }
  return (
    <p role="status" aria-live="polite" aria-atomic="true" data-testid="sync-status" className={cn("flex items-center gap-1.5 text-sm font-medium", tone)}>
      {icon}
      <span>{text}</span>
    </p>
  );
}
