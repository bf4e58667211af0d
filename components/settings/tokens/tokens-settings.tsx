"use client";

import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { RelativeTime } from "@/components/ui/relative-time";
import { ConfirmDialog } from "@/components/account/confirm-dialog";
import { CreateTokenDialog } from "@/components/settings/tokens/create-token-dialog";
import { tokenKeys, tokensApi, tokenStatus, type TokenView } from "@/components/settings/tokens/api";

export interface TokensSettingsProps {
  slug: string;
  workspaceName: string;
  me: { email: string };
  /** token:create (editors and up) */
  canCreate: boolean;
  /** admins and owners revoke anyone's workspace tokens; others only their own */
  canRevokeAny: boolean;
}

const STATUS_BADGE = {
  active: { variant: "success", label: "Active" },
  revoked: { variant: "destructive", label: "Revoked" },
  expired: { variant: "warning", label: "Expired" },
} as const;

export function TokensSettings({ slug, workspaceName, me, canCreate, canRevokeAny }: TokensSettingsProps) {
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const query = useQuery({ queryKey: tokenKeys.list(slug), queryFn: ({ signal }) => tokensApi.list(slug, signal) });
  const all = query.data?.tokens ?? [];
  const inactive = all.filter((t) => tokenStatus(t) !== "active").length;
  const tokens = showInactive ? all : all.filter((t) => tokenStatus(t) === "active");

  return (
    <section aria-labelledby="tokens-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-3xl flex-1">
          <h2 id="tokens-heading" className="text-lg font-semibold">
            API tokens
          </h2>
          <p className="text-sm text-muted-foreground">
            For scripts and CI: send one as <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">Authorization: Bearer sst_…</code>. A token never exceeds its
            owner&apos;s role. Listed: this workspace&apos;s tokens and your personal ones.
          </p>
        </div>
        {canCreate ? <CreateTokenDialog slug={slug} workspaceName={workspaceName} /> : null}
      </div>

      {query.isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading API tokens">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the API tokens: {query.error.message}</AlertDescription>
        </Alert>
      ) : all.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API tokens yet" description="Create one for a CI pipeline or a script. Its secret is shown once, when it is created." />
      ) : (
        <>
          <Table aria-label="API tokens">
            <TableHeader>
              <TableRow>
                <TableHead>Token</TableHead>
                <TableHead>Scopes</TableHead>
                <TableHead>Reach · owner</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="w-24">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((t) => {
                const status = tokenStatus(t);
                const mine = t.owner.toLowerCase() === me.email.toLowerCase();
                const mayRevoke = status !== "revoked" && (mine || (canRevokeAny && !t.personal));
                return (
                  <TableRow key={t.id} data-testid="token-row" data-name={t.name} data-status={status} className={status !== "active" ? "text-muted-foreground" : undefined}>
                    <TableCell>
                      <div className="flex flex-col">
                        <span className="font-medium text-foreground">{t.name}</span>
                        <span className="font-mono text-xs text-muted-foreground">{t.prefix}…</span>
                      </div>
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-wrap gap-1">
                        {t.scopes.map((s) => (
                          <Badge key={s} variant={s === "admin" ? "warning" : "secondary"} className="font-mono">
                            {s}
                          </Badge>
                        ))}
                      </div>
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-col">
                        <span>{t.personal ? "Personal" : "This workspace"}</span>
                        <span className="text-xs text-muted-foreground">{mine ? "you" : t.owner}</span>
                      </div>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {t.expiresAt ? (
                        <time dateTime={t.expiresAt} title={new Date(t.expiresAt).toLocaleString()}>
                          {new Date(t.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}
                        </time>
                      ) : (
                        "Never"
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "Never used"}</TableCell>
                    <TableCell>
                      <Badge variant={STATUS_BADGE[status].variant}>{STATUS_BADGE[status].label}</Badge>
                    </TableCell>
                    <TableCell className="text-right">
                      {mayRevoke ? (
                        <Button variant="outline" size="sm" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {inactive > 0 ? (
            <Button variant="link" className="self-start px-0" onClick={() => setShowInactive((s) => !s)} aria-pressed={showInactive}>
              {showInactive ? "Hide revoked and expired tokens" : `Show ${inactive} revoked or expired ${inactive === 1 ? "token" : "tokens"}`}
            </Button>
          ) : null}
        </>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={revoking ? `Revoke “${revoking.name}”?` : ""}
        description="It stops working immediately: the next request that uses it is refused. This cannot be undone."
        confirmLabel="Revoke token"
        onConfirm={async () => {
          if (!revoking) return;
          await tokensApi.revoke(slug, revoking.id);
          toast.success(`“${revoking.name}” revoked`);
          await queryClient.invalidateQueries({ queryKey: tokenKeys.list(slug) });
        }}
      />
    </section>
  );
}
