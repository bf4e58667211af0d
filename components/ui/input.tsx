import * as React from "react";

import { cn } from "@/lib/utils/cn";

export const fieldBase = [
  "w-full min-w-0 rounded-md border border-input bg-background px-3 text-sm text-foreground shadow-xs",
  "transition-[color,box-shadow,border-color] placeholder:text-muted-foreground",
  "outline-hidden focus-visible:border-ring focus-visible:ring-1 focus-visible:ring-ring",
  "disabled:cursor-not-allowed disabled:opacity-50 read-only:bg-muted/40",
  "aria-invalid:border-destructive aria-invalid:focus-visible:ring-destructive",
].join(" ");

export type InputProps = React.ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return (
    <input
      data-slot="input"
      type={type}
      className={cn(
        fieldBase,
        "h-9 py-1",
        "file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
        className,
      )}
      {...props}
    />
  );
}
