import { Ban, CircleCheck, CircleX, Clock, LoaderCircle, RefreshCw } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils/cn";

type Status = "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";

const LOOK: Record<Status, { variant: "muted" | "info" | "warning" | "success" | "destructive" | "outline"; icon: typeof Clock; label: string }> = {
  queued: { variant: "muted", icon: Clock, label: "Queued" },
  running: { variant: "info", icon: LoaderCircle, label: "Running" },
  retrying: { variant: "warning", icon: RefreshCw, label: "Retrying" },
  succeeded: { variant: "success", icon: CircleCheck, label: "Succeeded" },
  failed: { variant: "destructive", icon: CircleX, label: "Failed" },
  cancelled: { variant: "outline", icon: Ban, label: "Cancelled" },
};

/** A run's or step's status in words, icon and colour (never colour alone). */
export function RunStatusBadge({ status, className }: { status: string; className?: string }) {
  const look = LOOK[status as Status] ?? { variant: "muted" as const, icon: Clock, label: status };
  const Icon = look.icon;
  return (
    <Badge variant={look.variant} className={className} data-status={status} data-testid="run-status">
      <Icon aria-hidden="true" className={cn(status === "running" && "animate-spin motion-reduce:animate-none")} />
      {look.label}
    </Badge>
  );
}
