import * as React from "react";

import { cn } from "@/lib/utils/cn";

/**
 * Loading placeholder. Hidden from assistive tech: put aria-busy="true" on the region
 * being loaded, or pair with a <Spinner> / sr-only "Loading…" text.
 */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}
