"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, apiFetch } from "@/lib/client/api";

export function AcceptInvitation({ secret, workspaceName }: { secret: string; workspaceName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function accept() {
    setPending(true);
    setError(null);
    try {
      const res = await apiFetch<{ workspace: { slug: string } }>(`/api/v1/invitations/${secret}/accept`, { method: "POST", body: {} });
      router.push(`/w/${res.workspace.slug}`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not accept the invitation.");
      setPending(false);
    }
  }
  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <Button onClick={() => void accept()} loading={pending}>
        Join {workspaceName}
      </Button>
    </div>
  );
}
