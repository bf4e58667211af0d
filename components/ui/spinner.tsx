import * as React from "react";
import { LoaderCircle } from "lucide-react";

import { cn } from "@/lib/utils/cn";

const sizes = { sm: "size-4", md: "size-5", lg: "size-8" } as const;

export interface SpinnerProps extends Omit<React.ComponentProps<"span">, "children"> {
  size?: keyof typeof sizes;
  /** Text read by screen readers (default "Loading"). */
  label?: string;
  /** Also show the label visibly next to the spinner. */
  showLabel?: boolean;
}

export function Spinner({ className, size = "md", label = "Loading", showLabel = false, ...props }: SpinnerProps) {
  return (
    <span
      data-slot="spinner"
      role="status"
      aria-live="polite"
      className={cn("inline-flex items-center gap-2 text-muted-foreground", className)}
      {...props}
    >
      <LoaderCircle className={cn("animate-spin", sizes[size])} aria-hidden="true" />
      <span className={showLabel ? "text-sm" : "sr-only"}>{label}</span>
    </span>
  );
}
