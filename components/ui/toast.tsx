"use client";

import * as React from "react";
import { CircleCheck, CircleExclamationPoint, Info, TriangleExclamationPoint, X } from "lucide-react";

import { cn } from "@/lib/utils/cn";

export type ToastVariant = "default" | "success" | "warning" | "error";

export interface ToastOptions {
  title: string;
  description?: string;
  variant?: ToastVariant;
  /** ms before auto-dismiss; errors default to Infinity (stay until dismissed). */
  duration?: number;
  action?: { label: string; onClick: () => void };
}

interface ToastItem extends ToastOptions {
  id: number;
}

/* ---------- tiny external store ---------- */

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const EMPTY: ToastItem[] = [];

function emit() {
  for (const l of listeners) l();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Show a toast. Requires <Toaster /> to be mounted (root layout). Returns its id. */
export function toast(options: ToastOptions | string): number {
  const opts = typeof options === "string" ? { title: options } : options;
  const id = nextId++;
  items = [...items, { ...opts, id }].slice(-5);
  emit();
  return id;
}
toast.success = (title: string, opts?: Omit<ToastOptions, "title" | "variant">) =>
  toast({ ...opts, title, variant: "success" });
toast.warning = (title: string, opts?: Omit<ToastOptions, "title" | "variant">) =>
  toast({ ...opts, title, variant: "warning" });
toast.error = (title: string, opts?: Omit<ToastOptions, "title" | "variant">) =>
  toast({ ...opts, title, variant: "error" });

export function dismissToast(id: number): void {
  items = items.filter((t) => t.id !== id);
  emit();
}

/* ---------- view ---------- */

const icons = {
  default: Info,
  success: CircleCheck,
  warning: TriangleExclamationPoint,
  error: CircleExclamationPoint,
} as const;

const iconTone = {
  default: "text-primary",
  success: "text-success",
  warning: "text-warning",
  error: "text-destructive",
} as const;

function ToastView({ item }: { item: ToastItem }) {
  const variant = item.variant ?? "default";
  const duration = item.duration ?? (variant === "error" ? Infinity : 5000);
  const [paused, setPaused] = React.useState(false);
  const Icon = icons[variant];

  React.useEffect(() => {
    if (paused || !Number.isFinite(duration)) return;
    const timer = window.setTimeout(() => dismissToast(item.id), duration);
    return () => window.clearTimeout(timer);
  }, [paused, duration, item.id]);

  return (
    <div
      data-slot="toast"
      data-variant={variant}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      onKeyDown={(e) => {
        if (e.key === "Escape") dismissToast(item.id);
      }}
      className={cn(
        "pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-popover p-4 text-sm text-popover-foreground shadow-lg",
        "animate-in",
        variant === "error" && "border-destructive/40",
      )}
    >
      <Icon className={cn("mt-0.5 size-4 shrink-0", iconTone[variant])} aria-hidden="true" />
      <div className="grid min-w-0 flex-1 gap-1">
        <p className="font-medium">{item.title}</p>
        {item.description ? <p className="text-muted-foreground">{item.description}</p> : null}
        {item.action ? (
          <button
            type="button"
            onClick={() => {
              item.action?.onClick();
              dismissToast(item.id);
            }}
            className="mt-1 w-fit rounded-sm text-sm font-medium text-primary underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring"
          >
            {item.action.label}
          </button>
        ) : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => dismissToast(item.id)}
        className="-m-1 inline-flex size-6 shrink-0 items-center justify-center rounded-sm text-muted-foreground outline-hidden hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <X className="size-4" aria-hidden="true" />
      </button>
    </div>
  );
}

/**
 * Mount once (root layout). Two always-present live regions: polite for normal toasts,
 * assertive for errors, so screen readers announce each toast as it appears.
 */
export function Toaster({ className }: { className?: string }) {
  const all = React.useSyncExternalStore(subscribe, () => items, () => EMPTY);
  const polite = all.filter((t) => t.variant !== "error");
  const assertive = all.filter((t) => t.variant === "error");
  const region = "flex flex-col gap-2";

  return (
    <div
      data-slot="toaster"
      className={cn(
        "pointer-events-none fixed right-0 bottom-0 z-[100] flex w-full flex-col gap-2 p-4 sm:max-w-sm",
        className,
      )}
    >
      <div role="status" aria-live="polite" aria-atomic="false" aria-label="Notifications" className={region}>
        {polite.map((t) => (
          <ToastView key={t.id} item={t} />
        ))}
      </div>
      <div role="alert" aria-live="assertive" aria-atomic="false" aria-label="Error notifications" className={region}>
        {assertive.map((t) => (
          <ToastView key={t.id} item={t} />
        ))}
      </div>
    </div>
  );
}
