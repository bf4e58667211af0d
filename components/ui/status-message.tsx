import * as React from "react";

import { cn } from "@/lib/utils/cn";

const tones = {
  muted: "text-muted-foreground",
  success: "text-success",
  error: "text-destructive",
} as const;

export interface StatusMessageProps extends React.ComponentProps<"p"> {
  /** "polite" (role=status) waits for the user to be idle; "assertive" (role=alert) interrupts. */
  politeness?: "polite" | "assertive";
  tone?: keyof typeof tones;
  /** Announce to screen readers only. */
  visuallyHidden?: boolean;
}

/**
 * Inline live region: keep it mounted and change its text ("Saving…", "Saved").
 * Screen readers announce changes; an initially-empty region is fine.
 */
export function StatusMessage({
  politeness = "polite",
  tone = "muted",
  visuallyHidden = false,
  className,
  ...props
}: StatusMessageProps) {
  return (
    <p
      data-slot="status-message"
      role={politeness === "assertive" ? "alert" : "status"}
      aria-live={politeness}
      aria-atomic="true"
      className={cn("text-sm", tones[tone], visuallyHidden && "sr-only", className)}
      {...props}
    />
  );
}
