"use client";

import { useState } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Building2, Search, ShieldCheck, Users } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { toast } from "@/components/ui/toast";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AdminUserView } from "@/lib/instance/admin";
import { ConfirmDialog } from "@/components/account/confirm-dialog";
import { useDebouncedValue } from "@/components/specs/use-debounced-value";
import { adminApi, adminKeys } from "@/components/admin/api";

export function AdminConsole({ meId, counts }: { meId: string; counts: { users: number; workspaces: number } }) {
  return (
    <Tabs defaultValue="users">
      <TabsList aria-label="Instance admin sections">
        <TabsTrigger value="users">
          <Users aria-hidden="true" /> Users <Badge variant="muted">{counts.users}</Badge>
        </TabsTrigger>
        <TabsTrigger value="workspaces">
          <Building2 aria-hidden="true" /> Workspaces <Badge variant="muted">{counts.workspaces}</Badge>
        </TabsTrigger>
      </TabsList>
      <TabsContent value="users">
        <UsersPanel meId={meId} />
      </TabsContent>
      <TabsContent value="workspaces">
        <WorkspacesPanel />
      </TabsContent>
    </Tabs>
  );
}

function SearchBox({ value, onChange, label, placeholder }: { value: string; onChange: (v: string) => void; label: string; placeholder: string }) {
  return (
    <div className="relative w-full max-w-sm">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
      <Input type="search" value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} placeholder={placeholder} className="pl-8" />
    </div>
  );
}

function UsersPanel({ meId }: { meId: string }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 250);
  const [target, setTarget] = useState<{ user: AdminUserView; action: "disable" | "enable" } | null>(null);
  const query = useInfiniteQuery({
    queryKey: adminKeys.users(q),
    queryFn: ({ pageParam, signal }) => adminApi.users(q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const users = query.data?.pages.flatMap((p) => p.users) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;

  return (
    <div className="flex flex-col gap-4 pt-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchBox value={search} onChange={setSearch} label="Search users" placeholder="Search by e-mail or name" />
        <p className="text-sm text-muted-foreground" role="status">
          {query.data ? `${total} ${total === 1 ? "account" : "accounts"}${q ? " match" : ""}` : ""}
        </p>
      </div>
      {query.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the users: {query.error.message}</AlertDescription>
        </Alert>
      ) : users.length === 0 ? (
        <EmptyState icon={Users} title="No accounts match" description="Try another part of the e-mail address or name." />
      ) : (
        <Table aria-label="Users">
          <TableHeader>
            <TableRow>
              <TableHead>Account</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last seen</TableHead>
              <TableHead className="text-right">Workspaces</TableHead>
              <TableHead className="text-right">Sessions</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="w-28">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((u) => {
              const self = u.id === meId;
              return (
                <TableRow key={u.id} data-testid="admin-user-row" data-email={u.email}>
                  <TableCell>
                    <div className="flex flex-col">
                      <span className="flex items-center gap-2 font-medium">
                        {u.name}
                        {self ? <Badge variant="outline">You</Badge> : null}
                        {u.instanceAdmin ? (
                          <Badge variant="info" title="Instance admin (first account, or listed in STUDIO_ADMIN_EMAILS)">
                            <ShieldCheck aria-hidden="true" /> Admin
                          </Badge>
                        ) : null}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {u.email}
                        {u.hasPassword ? "" : " · single sign-on"}
                      </span>
                    </div>
                  </TableCell>
                  <TableCell className="text-muted-foreground">
                    <RelativeTime iso={u.createdAt} />
                  </TableCell>
                  <TableCell className="text-muted-foreground">{u.lastSeenAt ? <RelativeTime iso={u.lastSeenAt} /> : "Never"}</TableCell>
                  <TableCell className="text-right tabular-nums">{u.workspaces}</TableCell>
                  <TableCell className="text-right tabular-nums">{u.activeSessions}</TableCell>
                  <TableCell>
                    {u.disabledAt ? (
                      <Badge variant="destructive" title={`Disabled ${new Date(u.disabledAt).toLocaleString()}`}>
                        Disabled
                      </Badge>
                    ) : (
                      <Badge variant="success">Active</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    {u.disabledAt ? (
                      <Button variant="outline" size="sm" onClick={() => setTarget({ user: u, action: "enable" })} aria-label={`Enable ${u.email}`}>
                        Enable
                      </Button>
                    ) : self ? (
                      <Tooltip>
                        <TooltipTrigger asChild>
                          <span tabIndex={0} className="inline-flex rounded-md focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-ring">
                            <Button variant="outline" size="sm" disabled aria-label="You cannot disable your own account">
                              Disable
                            </Button>
                          </span>
                        </TooltipTrigger>
                        <TooltipContent>You cannot disable your own account.</TooltipContent>
                      </Tooltip>
                    ) : (
                      <Button variant="outline" size="sm" onClick={() => setTarget({ user: u, action: "disable" })} aria-label={`Disable ${u.email}`}>
                        Disable
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {query.hasNextPage ? (
        <Button variant="outline" className="self-center" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          Load more accounts
        </Button>
      ) : null}
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(o) => !o && setTarget(null)}
        variant={target?.action === "enable" ? "default" : "destructive"}
        title={target ? `${target.action === "disable" ? "Disable" : "Enable"} ${target.user.email}?` : ""}
        description={
          target?.action === "disable"
            ? `Their ${target.user.activeSessions === 1 ? "session ends" : `${target.user.activeSessions} sessions end`} now, they cannot sign in, and their API tokens are refused until an admin enables the account again. Their memberships and work stay.`
            : "They can sign in again and their API tokens work again (unless revoked or expired)."
        }
        confirmLabel={target?.action === "disable" ? "Disable account" : "Enable account"}
        onConfirm={async () => {
          if (!target) return;
          if (target.action === "disable") {
            const out = await adminApi.disable(target.user.id);
            toast.success(`${target.user.email} is disabled`, { description: out.sessionsEnded ? `${out.sessionsEnded} session(s) ended.` : undefined });
          } else {
            await adminApi.enable(target.user.id);
            toast.success(`${target.user.email} is enabled again`);
          }
          await queryClient.invalidateQueries({ queryKey: ["admin", "users"] });
        }}
      />
    </div>
  );
}

function WorkspacesPanel() {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 250);
  const query = useInfiniteQuery({
    queryKey: adminKeys.workspaces(q),
    queryFn: ({ pageParam, signal }) => adminApi.workspaces(q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const workspaces = query.data?.pages.flatMap((p) => p.workspaces) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return (
    <div className="flex flex-col gap-4 pt-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchBox value={search} onChange={setSearch} label="Search workspaces" placeholder="Search by name or address" />
        <p className="text-sm text-muted-foreground" role="status">
          {query.data ? `${total} ${total === 1 ? "workspace" : "workspaces"}${q ? " match" : ""}` : ""}
        </p>
      </div>
      {query.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the workspaces: {query.error.message}</AlertDescription>
        </Alert>
      ) : workspaces.length === 0 ? (
        <EmptyState icon={Building2} title="No workspaces match" description="Try another part of the name or address." />
      ) : (
        <Table aria-label="Workspaces">
          <TableHeader>
            <TableRow>
              <TableHead>Workspace</TableHead>
              <TableHead className="text-right">Members</TableHead>
              <TableHead className="text-right">Specs</TableHead>
              <TableHead className="text-right">Runs</TableHead>
              <TableHead>Created</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {workspaces.map((w) => (
              <TableRow key={w.id} data-testid="admin-workspace-row" data-slug={w.slug}>
                <TableCell>
                  <div className="flex flex-col">
                    <span className="font-medium">{w.name}</span>
                    <span className="font-mono text-xs text-muted-foreground">/w/{w.slug}</span>
                  </div>
                </TableCell>
                <TableCell className="text-right tabular-nums">{w.members}</TableCell>
                <TableCell className="text-right tabular-nums">{w.specs}</TableCell>
                <TableCell className="text-right tabular-nums">{w.runs}</TableCell>
                <TableCell className="text-muted-foreground">
                  <RelativeTime iso={w.createdAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {query.hasNextPage ? (
        <Button variant="outline" className="self-center" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          Load more workspaces
        </Button>
      ) : null}
    </div>
  );
}
