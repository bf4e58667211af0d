"use client";

import { useMutation } from "@tanstack/react-query";
import { ShieldCheck, ShieldX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";

interface VerifyAnswer {
  ok: boolean;
  events: number;
  firstBreak: { seq: number; eventId: string; reason: string } | null;
}

export function VerifyChainButton({ slug }: { slug: string }) {
  const verify = useMutation({ mutationFn: () => apiFetch<VerifyAnswer>(`/api/v1/workspaces/${slug}/audit/verify`) });
  return (
    <div className="flex items-center gap-3">
      <span role="status" aria-live="polite" className="text-sm">
        {verify.data?.ok ? (
          <span className="flex items-center gap-1 text-emerald-700 dark:text-emerald-400"><ShieldCheck className="size-4" aria-hidden /> Chain intact: {verify.data.events} {verify.data.events === 1 ? "event" : "events"} verified</span>
        ) : verify.data ? (
          <span className="flex items-center gap-1 text-destructive"><ShieldX className="size-4" aria-hidden /> Broken at event #{verify.data.firstBreak?.seq}: {verify.data.firstBreak?.reason}</span>
        ) : verify.isError ? (
          <span className="text-destructive">{verify.error.message}</span>
        ) : null}
      </span>
      <Button type="button" variant="outline" onClick={() => verify.mutate()} loading={verify.isPending}>
        Verify chain
      </Button>
    </div>
  );
}
