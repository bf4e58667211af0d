import * as React from "react";

import { cn } from "@/lib/utils/cn";
import { fieldBase } from "@/components/ui/input";

export interface TextareaProps extends React.ComponentProps<"textarea"> {
  /** Use the monospace font (for YAML/spec/code input). */
  mono?: boolean;
}

export function Textarea({ className, mono = false, ...props }: TextareaProps) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(
        fieldBase,
        "field-sizing-content min-h-20 py-2 leading-relaxed",
        mono && "font-mono text-[13px]",
        className,
      )}
      {...props}
    />
  );
}
