import { Cpu } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { SCAFFOLDER_LABEL } from "@/lib/runs/client/format";

/** Marks output of the built-in offline scaffolder so nobody mistakes it for a model's. */
export function OfflineBadge({ className }: { className?: string }) {
  return (
    <Badge variant="warning" className={className} data-testid="offline-label">
      <Cpu aria-hidden="true" />
      {SCAFFOLDER_LABEL}
    </Badge>
  );
}

/** Provider and model of a run, with the offline label when it is the scaffolder. */
export function ProviderCell({ provider }: { provider: { kind: string; name: string; model: string } }) {
  if (provider.kind === "offline") {
    return (
      <span className="flex flex-col items-start gap-1">
        <span>Offline scaffolder</span>
        <OfflineBadge />
      </span>
    );
  }
  return (
    <span className="flex flex-col">
      <span>{provider.name}</span>
      <span className="font-mono text-xs text-muted-foreground">{provider.model}</span>
    </span>
  );
}
