import { Archive, CircleCheck, CircleX } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** Valid / Invalid, in words and colour (never colour alone). */
export function ValidityBadge({ valid, className }: { valid: boolean; className?: string }) {
  return valid ? (
    <Badge variant="success" className={className}>
      <CircleCheck aria-hidden="true" />
      Valid
    </Badge>
  ) : (
    <Badge variant="destructive" className={className}>
      <CircleX aria-hidden="true" />
      Invalid
    </Badge>
  );
}

export function ArchivedBadge({ className }: { className?: string }) {
  return (
    <Badge variant="muted" className={className}>
      <Archive aria-hidden="true" />
      Archived
    </Badge>
  );
}
