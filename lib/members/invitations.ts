import type { Db, DbTx } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { hashToken } from "@/lib/auth/tokens";
import { AppError, isUniqueViolation } from "@/lib/errors";

type Row = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

export function invitationStatus(i: Row): "pending" | "accepted" | "revoked" | "expired" {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  return i.expiresAt < new Date() ? "expired" : "pending";
}

export async function listInvitations(db: DbTx, workspaceId: string) {
  const rows = await db.invitation.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((i) => ({ id: i.id, email: i.email, role: i.role, status: invitationStatus(i), expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() }));
}

/** What an invitation link offers, for the accept page. Throws not_found for an unknown link. */
export async function describeInvitation(db: DbTx, secret: string) {
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashToken(secret) }, include: { workspace: true } });
  if (!inv) throw new AppError("not_found", "This invitation link is not valid. Ask for a new one.");
  return { email: inv.email, role: inv.role, workspace: { slug: inv.workspace.slug, name: inv.workspace.name }, status: invitationStatus(inv), expiresAt: inv.expiresAt.toISOString() };
}

/**
 * Join a workspace through an invitation link: once, before it expires, by the invited address.
 * Throws not_found, conflict (used, revoked, expired, already a member) and forbidden (another address).
 */
export async function acceptInvitation(db: Db, principal: Principal, actor: AuditActor, secret: string) {
  try {
    return await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM invitations WHERE token_hash = ${hashToken(secret)} FOR UPDATE`;
      if (!locked) throw new AppError("not_found", "This invitation link is not valid. Ask for a new one.");
      const inv = await tx.invitation.findUniqueOrThrow({ where: { id: locked.id }, include: { workspace: true } });
      const status = invitationStatus(inv);
      if (status !== "pending") throw new AppError("conflict", `This invitation was ${status === "expired" ? "valid until " + inv.expiresAt.toISOString().slice(0, 10) : status}. Ask for a new one.`);
      if (inv.email !== principal.email.toLowerCase()) {
        throw new AppError("forbidden", `This invitation is for ${inv.email}; you are signed in as ${principal.email}.`);
      }
      const membership = await tx.membership.create({ data: { workspaceId: inv.workspaceId, userId: principal.userId, role: inv.role } });
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date(), acceptedById: principal.userId } });
      await recordAudit(tx, { actor, action: "member.joined", resourceType: "membership", resourceId: membership.id, workspaceId: inv.workspaceId, after: { email: inv.email, role: inv.role }, metadata: { invitation: inv.id } });
      return { workspace: { slug: inv.workspace.slug, name: inv.workspace.name }, role: inv.role };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "You are already a member of this workspace.");
    throw err;
  }
}
