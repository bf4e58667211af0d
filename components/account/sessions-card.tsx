"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LogOut, Monitor, Smartphone } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeUserAgent } from "@/lib/account/user-agent";
import type { SessionView } from "@/lib/account/schemas";
import { ConfirmDialog } from "@/components/account/confirm-dialog";
import { accountApi, accountKeys } from "@/components/account/api";

export function SessionsCard() {
  const queryClient = useQueryClient();
  const [confirmOthers, setConfirmOthers] = useState(false);
  const query = useQuery({ queryKey: accountKeys.sessions, queryFn: ({ signal }) => accountApi.sessions(signal) });
  const sessions = query.data?.sessions ?? [];
  const others = sessions.filter((s) => !s.current).length;
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions });

  const revoke = useMutation({
    mutationFn: (s: SessionView) => accountApi.revokeSession(s.id),
    onSuccess: (_d, s) => {
      toast.success("Session signed out", { description: `${describeUserAgent(s.userAgent).label} is signed out at its next request.` });
      void refresh();
    },
    onError: (err) => {
      toast.error("Could not sign that session out", { description: err.message });
      void refresh();
    },
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Sessions</CardTitle>
        <CardDescription>Browsers signed in to your account. Signing one out takes effect at its next request.</CardDescription>
        <CardAction>
          <Button variant="outline" onClick={() => setConfirmOthers(true)} disabled={others === 0}>
            <LogOut aria-hidden="true" />
            Sign out everywhere else
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading sessions">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : query.isError ? (
          <Alert variant="destructive">
            <AlertDescription>Could not load your sessions: {query.error.message}</AlertDescription>
          </Alert>
        ) : (
          <ul className="flex flex-col divide-y rounded-lg border" aria-label="Active sessions">
            {sessions.map((s) => {
              const ua = describeUserAgent(s.userAgent);
              const Icon = ua.mobile ? Smartphone : Monitor;
              return (
                <li key={s.id} className="flex flex-wrap items-center gap-4 px-4 py-3" data-testid="session-row" data-current={s.current || undefined}>
                  <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-muted text-muted-foreground" aria-hidden="true">
                    <Icon className="size-5" />
                  </div>
                  <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{ua.label}</span>
                      {s.current ? <Badge variant="success">This session</Badge> : null}
                    </div>
                    <p className="text-xs text-muted-foreground">
                      {s.ip ? <span className="font-mono">{s.ip}</span> : "Unknown address"} · signed in <RelativeTime iso={s.createdAt} /> · last seen{" "}
                      <RelativeTime iso={s.lastSeenAt} />
                    </p>
                    {s.userAgent ? (
                      <p className="truncate text-xs text-muted-foreground/80" title={s.userAgent}>
                        {s.userAgent}
                      </p>
                    ) : null}
                  </div>
                  {s.current ? null : (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => revoke.mutate(s)}
                      loading={revoke.isPending && revoke.variables?.id === s.id}
                      aria-label={`Sign out ${ua.label} (${s.ip ?? "unknown address"})`}
                    >
                      Sign out
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
      <ConfirmDialog
        open={confirmOthers}
        onOpenChange={setConfirmOthers}
        title="Sign out everywhere else?"
        description={`${others} other ${others === 1 ? "session" : "sessions"} will be signed out at ${others === 1 ? "its" : "their"} next request. This browser stays signed in.`}
        confirmLabel="Sign out other sessions"
        onConfirm={async () => {
          const out = await accountApi.revokeOthers();
          toast.success(out.revoked === 1 ? "1 session signed out" : `${out.revoked} sessions signed out`);
          await refresh();
        }}
      />
    </Card>
  );
}
