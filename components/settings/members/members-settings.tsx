"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Crown, Ellipsis, LogOut, MailX, UserMinus, Users } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_RANK } from "@/lib/rbac/permissions";
import { ConfirmDialog } from "@/components/account/confirm-dialog";
import { InviteDialog } from "@/components/settings/members/invite-dialog";
import { memberKeys, membersApi, ROLE_INFO, type InvitationView, type MemberView } from "@/components/settings/members/api";
import { RoleSelect } from "@/components/settings/members/role-select";

export interface MembersSettingsProps {
  slug: string;
  workspaceName: string;
  me: { userId: string; role: Role };
  /** member:invite, member:update, member:remove in this workspace (the server checks them again) */
  can: { invite: boolean; update: boolean; remove: boolean };
  /** whether invitations are e-mailed (SMTP is configured) */
  emailConfigured: boolean;
}

type Pending = { kind: "remove" | "leave" | "transfer"; member: MemberView } | { kind: "revoke"; invitation: InvitationView } | null;

export function MembersSettings({ slug, workspaceName, me, can, emailConfigured }: MembersSettingsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending>(null);
  const members = useQuery({ queryKey: memberKeys.members(slug), queryFn: ({ signal }) => membersApi.list(slug, signal) });
  const invitations = useQuery({
    queryKey: memberKeys.invitations(slug),
    queryFn: ({ signal }) => membersApi.invitations(slug, signal),
    enabled: can.invite,
  });
  const refreshMembers = () => queryClient.invalidateQueries({ queryKey: memberKeys.members(slug) });

  const changeRole = useMutation({
    mutationFn: (v: { member: MemberView; role: Role }) => membersApi.changeRole(slug, v.member.id, v.role),
    onSuccess: (_d, v) => {
      toast.success(`${v.member.name || v.member.email} is now ${ROLE_INFO[v.role].label.toLowerCase()}`);
      void refreshMembers();
    },
    onError: (err, v) => {
      toast.error(`Could not change the role of ${v.member.email}`, { description: err.message });
      void refreshMembers();
    },
  });

  const list = members.data?.members ?? [];
  const pendingInvitations = (invitations.data?.invitations ?? []).filter((i) => i.status === "pending");
  const outranks = (m: MemberView) => ROLE_RANK[m.role] <= ROLE_RANK[me.role];

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="members-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 max-w-3xl flex-1">
            <h2 id="members-heading" className="flex items-center gap-2 text-lg font-semibold">
              Members {members.data ? <Badge variant="muted">{list.length}</Badge> : null}
            </h2>
            <p className="text-sm text-muted-foreground">Who can work in {workspaceName}, with which role. Role changes apply at the member&apos;s next request.</p>
          </div>
          {can.invite ? <InviteDialog slug={slug} workspaceName={workspaceName} actorRole={me.role} emailConfigured={emailConfigured} /> : null}
        </div>
        {!can.update ? (
          <Alert variant="info">
            <AlertDescription>
              You are {ROLE_INFO[me.role].label.toLowerCase()} here: you can see the members, but only admins and owners can invite people, change roles or remove members.
            </AlertDescription>
          </Alert>
        ) : null}

        {members.isPending ? (
          <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading members">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : members.isError ? (
          <Alert variant="destructive">
            <AlertDescription>Could not load the members: {members.error.message}</AlertDescription>
          </Alert>
        ) : (
          <Table aria-label="Members">
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead className="w-44">Role</TableHead>
                <TableHead>Last active</TableHead>
                <TableHead>Joined</TableHead>
                <TableHead className="w-12">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((m) => {
                const self = m.userId === me.userId;
                const editable = can.update && !self && outranks(m);
                const mayRemove = can.remove && !self && outranks(m);
                const mayTransfer = me.role === "owner" && !self && m.role !== "owner";
                return (
                  <TableRow key={m.id} data-testid="member-row" data-email={m.email}>
                    <TableCell>
                      <div className="flex min-w-0 flex-col">
                        <span className="flex items-center gap-2 font-medium">
                          <span className="truncate">{m.name || m.email}</span>
                          {self ? <Badge variant="outline">You</Badge> : null}
                        </span>
                        <span className="truncate text-xs text-muted-foreground">{m.email}</span>
                      </div>
                    </TableCell>
                    <TableCell>
                      {editable ? (
                        <RoleSelect
                          size="sm"
                          value={m.role}
                          actorRole={me.role}
                          onChange={(role) => role !== m.role && changeRole.mutate({ member: m, role })}
                          disabled={changeRole.isPending && changeRole.variables?.member.id === m.id}
                          aria-label={`Role of ${m.email}`}
                          className="w-36"
                        />
                      ) : (
                        <Badge variant={m.role === "owner" ? "info" : "secondary"} title={ROLE_INFO[m.role].description}>
                          {m.role === "owner" ? <Crown aria-hidden="true" /> : null}
                          {ROLE_INFO[m.role].label}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="text-muted-foreground">{m.lastActiveAt ? <RelativeTime iso={m.lastActiveAt} /> : "Not yet"}</TableCell>
                    <TableCell className="text-muted-foreground">
                      <RelativeTime iso={m.joinedAt} />
                    </TableCell>
                    <TableCell className="text-right">
                      {mayRemove || mayTransfer || self ? (
                        <DropdownMenu>
                          <DropdownMenuTrigger asChild>
                            <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${m.email}`}>
                              <Ellipsis aria-hidden="true" />
                            </Button>
                          </DropdownMenuTrigger>
                          <DropdownMenuContent align="end" className="w-56">
                            {mayTransfer ? (
                              <DropdownMenuItem onSelect={() => setPending({ kind: "transfer", member: m })}>
                                <Crown aria-hidden="true" /> Transfer ownership…
                              </DropdownMenuItem>
                            ) : null}
                            {mayTransfer && mayRemove ? <DropdownMenuSeparator /> : null}
                            {mayRemove ? (
                              <DropdownMenuItem variant="destructive" onSelect={() => setPending({ kind: "remove", member: m })}>
                                <UserMinus aria-hidden="true" /> Remove from workspace…
                              </DropdownMenuItem>
                            ) : null}
                            {self ? (
                              <DropdownMenuItem variant="destructive" onSelect={() => setPending({ kind: "leave", member: m })}>
                                <LogOut aria-hidden="true" /> Leave workspace…
                              </DropdownMenuItem>
                            ) : null}
                          </DropdownMenuContent>
                        </DropdownMenu>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </section>

      {can.invite ? (
        <section aria-labelledby="invitations-heading" className="flex flex-col gap-4">
          <div>
            <h2 id="invitations-heading" className="text-lg font-semibold">
              Pending invitations
            </h2>
            <p className="text-sm text-muted-foreground">Links that have not been used yet. Revoking one makes its link stop working.</p>
          </div>
          {invitations.isPending ? (
            <Skeleton className="h-16 w-full" />
          ) : invitations.isError ? (
            <Alert variant="destructive">
              <AlertDescription>Could not load the invitations: {invitations.error.message}</AlertDescription>
            </Alert>
          ) : pendingInvitations.length === 0 ? (
            <EmptyState icon={Users} headingLevel={3} title="No pending invitations" description="Invite someone with “Invite member”; their invitation shows here until they join." className="py-8" />
          ) : (
            <Table aria-label="Pending invitations">
              <TableHeader>
                <TableRow>
                  <TableHead>E-mail</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Invited</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead className="w-24">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {pendingInvitations.map((i) => (
                  <TableRow key={i.id} data-testid="invitation-row" data-email={i.email}>
                    <TableCell className="font-medium">{i.email}</TableCell>
                    <TableCell>
                      <Badge variant="secondary">{ROLE_INFO[i.role].label}</Badge>
                    </TableCell>
                    <TableCell className="text-muted-foreground">
                      <RelativeTime iso={i.createdAt} />
                    </TableCell>
                    <TableCell className="text-muted-foreground">
                      <time dateTime={i.expiresAt} title={new Date(i.expiresAt).toLocaleString()}>
                        {new Date(i.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}
                      </time>
                    </TableCell>
                    <TableCell className="text-right">
                      <Button variant="outline" size="sm" onClick={() => setPending({ kind: "revoke", invitation: i })} aria-label={`Revoke the invitation for ${i.email}`}>
                        <MailX aria-hidden="true" /> Revoke
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ) : null}

      <ConfirmDialog
        open={pending?.kind === "remove"}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending?.kind === "remove" ? `Remove ${pending.member.email}?` : ""}
        description={`They lose access to ${workspaceName} at their next request. API tokens they made for this workspace stop working, and their personal tokens no longer reach it.`}
        confirmLabel="Remove member"
        onConfirm={async () => {
          if (pending?.kind !== "remove") return;
          await membersApi.remove(slug, pending.member.id);
          toast.success(`${pending.member.email} was removed`);
          await refreshMembers();
        }}
      />
      <ConfirmDialog
        open={pending?.kind === "leave"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Leave ${workspaceName}?`}
        description="You lose access at once. To come back, an admin has to invite you again."
        confirmLabel="Leave workspace"
        onConfirm={async () => {
          if (pending?.kind !== "leave") return;
          await membersApi.remove(slug, pending.member.id);
          router.push("/");
          router.refresh();
        }}
      />
      <ConfirmDialog
        open={pending?.kind === "transfer"}
        onOpenChange={(o) => !o && setPending(null)}
        variant="default"
        title={pending?.kind === "transfer" ? `Make ${pending.member.email} the owner?` : ""}
        description={`They become owner of ${workspaceName}, with every permission including deleting it. You become an admin and cannot undo this yourself.`}
        confirmLabel="Transfer ownership"
        onConfirm={async () => {
          if (pending?.kind !== "transfer") return;
          await membersApi.transfer(slug, pending.member.id);
          toast.success(`${pending.member.email} is now the owner`, { description: "You are an admin of this workspace now." });
          await refreshMembers();
          router.refresh();
        }}
      />
      <ConfirmDialog
        open={pending?.kind === "revoke"}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending?.kind === "revoke" ? `Revoke the invitation for ${pending.invitation.email}?` : ""}
        description="Its link stops working at once. You can invite the same address again later."
        confirmLabel="Revoke invitation"
        onConfirm={async () => {
          if (pending?.kind !== "revoke") return;
          await membersApi.revokeInvitation(slug, pending.invitation.id);
          toast.success(`Invitation for ${pending.invitation.email} revoked`);
          await queryClient.invalidateQueries({ queryKey: memberKeys.invitations(slug) });
        }}
      />
    </div>
  );
}
