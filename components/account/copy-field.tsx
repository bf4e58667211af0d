"use client";

import { useRef, useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils/cn";

/**
 * A read-only value (a secret, a link) with a copy button. When the clipboard API is refused (no permission, not a
 * secure context), the text is selected so that Ctrl+C / ⌘C copies it, and the button says so.
 */
export function CopyField({ value, label, id, mono = true, className }: { value: string; label: string; id?: string; mono?: boolean; className?: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setState("manual");
    }
    window.setTimeout(() => setState("idle"), 2500);
  }

  return (
    <div className={cn("flex items-center gap-2", className)}>
      <Input
        ref={inputRef}
        id={id}
        readOnly
        value={value}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        className={cn("min-w-0 flex-1", mono && "font-mono text-[13px]")}
        spellCheck={false}
      />
      <Button type="button" variant="outline" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`} className="min-w-24 shrink-0">
        {state === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {state === "copied" ? "Copied" : state === "manual" ? "Press ⌘/Ctrl+C" : "Copy"}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? `${label} copied to the clipboard` : state === "manual" ? `${label} selected: press Control C to copy` : ""}
      </span>
    </div>
  );
}
