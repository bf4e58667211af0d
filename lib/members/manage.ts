import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Db, DbTx } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { canAssignRole, ROLE_RANK } from "@/lib/rbac/permissions";
import { recordAudit } from "@/lib/audit/record";
import { hashToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import type { inviteSchema } from "@/lib/members/schemas";

export async function listMembers(db: DbTx, workspaceId: string) {
  const rows = await db.membership.findMany({ where: { workspaceId }, include: { user: true }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, lastActiveAt: m.lastActiveAt?.toISOString() ?? null, joinedAt: m.createdAt.toISOString() }));
}

function assertMayGrant(access: WorkspaceAccess, role: Role) {
  if (!canAssignRole(access.role, role)) throw new AppError("forbidden", `You are ${access.role}: you cannot give anyone the ${role} role, which is above yours.`);
}

/** Invite by e-mail; returns the one-time secret link (only its hash is stored). Throws conflict for members. */
export async function inviteMember(db: Db, access: WorkspaceAccess, input: z.infer<typeof inviteSchema>) {
  assertMayGrant(access, input.role);
  const existing = await db.membership.findFirst({ where: { workspaceId: access.workspace.id, user: { email: input.email } } });
  if (existing) throw new AppError("conflict", `${input.email} is already a member of this workspace.`, { field: "email" });
  const secret = randomBytes(24).toString("base64url");
  const inv = await db.$transaction(async (tx) => {
    // A new invitation replaces any pending one for the same address.
    await tx.invitation.updateMany({ where: { workspaceId: access.workspace.id, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const inv = await tx.invitation.create({
      data: { workspaceId: access.workspace.id, email: input.email, role: input.role, tokenHash: hashToken(secret), invitedById: access.principal.userId, expiresAt: new Date(Date.now() + input.expiresInDays * 86400_000) },
    });
    await recordAudit(tx, { actor: access.actor, action: "member.invited", resourceType: "invitation", resourceId: inv.id, workspaceId: access.workspace.id, after: { email: inv.email, role: inv.role, expiresAt: inv.expiresAt } });
    return inv;
  });
  return { invitation: inv, secret };
}

export async function revokeInvitation(db: Db, access: WorkspaceAccess, id: string) {
  const inv = await db.invitation.findFirst({ where: { id, workspaceId: access.workspace.id } });
  if (!inv) throw new AppError("not_found", "Invitation was not found.");
  if (inv.acceptedAt) throw new AppError("conflict", "This invitation was already accepted; remove the member instead.");
  if (inv.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor: access.actor, action: "member.invitation_revoked", resourceType: "invitation", resourceId: id, workspaceId: access.workspace.id, before: { email: inv.email, role: inv.role } });
  });
}

async function ownerCount(tx: DbTx, workspaceId: string) {
  return tx.membership.count({ where: { workspaceId, role: "owner" } });
}

/** Change a member's role. Nobody raises anyone above their own role, touches someone above them, or demotes the last owner. */
export async function changeRole(db: Db, access: WorkspaceAccess, memberId: string, role: Role) {
  return db.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: memberId, workspaceId: access.workspace.id }, include: { user: true } });
    if (!m) throw new AppError("not_found", "Member was not found.");
    assertMayGrant(access, role);
    if (ROLE_RANK[m.role] > ROLE_RANK[access.role]) throw new AppError("forbidden", `${m.user.email} is ${m.role}, above your role: you cannot change their role.`);
    if (m.role === role) return m;
    if (m.role === "owner" && (await ownerCount(tx, access.workspace.id)) <= 1) {
      throw new AppError("conflict", "This is the workspace's last owner: transfer ownership or make someone else owner first.");
    }
    const updated = await tx.membership.update({ where: { id: memberId }, data: { role } });
    await recordAudit(tx, { actor: access.actor, action: "member.role_changed", resourceType: "membership", resourceId: memberId, workspaceId: access.workspace.id, before: { email: m.user.email, role: m.role }, after: { email: m.user.email, role } });
    return updated;
  });
}

/** Remove a member (or leave, when it is yourself). The last owner cannot be removed. */
export async function removeMember(db: Db, access: WorkspaceAccess, memberId: string) {
  await db.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: memberId, workspaceId: access.workspace.id }, include: { user: true } });
    if (!m) throw new AppError("not_found", "Member was not found.");
    const self = m.userId === access.principal.userId;
    if (!self && ROLE_RANK[m.role] > ROLE_RANK[access.role]) throw new AppError("forbidden", `${m.user.email} is ${m.role}, above your role: you cannot remove them.`);
    if (m.role === "owner" && (await ownerCount(tx, access.workspace.id)) <= 1) {
      throw new AppError("conflict", "This is the workspace's last owner and cannot be removed: transfer ownership first.");
    }
    await tx.membership.delete({ where: { id: memberId } });
    await recordAudit(tx, { actor: access.actor, action: self ? "member.left" : "member.removed", resourceType: "membership", resourceId: memberId, workspaceId: access.workspace.id, before: { email: m.user.email, role: m.role } });
  });
}

/** Make another member owner; the current owner becomes admin. Owners only. */
export async function transferOwnership(db: Db, access: WorkspaceAccess, memberId: string) {
  if (access.role !== "owner") throw new AppError("forbidden", "Only an owner can transfer ownership.");
  await db.$transaction(async (tx) => {
    const target = await tx.membership.findFirst({ where: { id: memberId, workspaceId: access.workspace.id }, include: { user: true } });
    if (!target) throw new AppError("not_found", "Member was not found.");
    if (target.userId === access.principal.userId) throw new AppError("conflict", "You already own this workspace.");
    await tx.membership.update({ where: { id: memberId }, data: { role: "owner" } });
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId: access.workspace.id, userId: access.principal.userId } }, data: { role: "admin" } });
    await recordAudit(tx, { actor: access.actor, action: "member.ownership_transferred", resourceType: "membership", resourceId: memberId, workspaceId: access.workspace.id, before: { owner: access.actor.label }, after: { owner: target.user.email } });
  });
}
