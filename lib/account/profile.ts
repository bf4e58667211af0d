import type { z } from "zod";
import type { Db, DbTx } from "@/lib/db";
import type { RequestMeta } from "@/lib/auth/principal";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { ProfileView, updateProfileSchema } from "@/lib/account/schemas";
import type { SessionPrincipal } from "@/lib/account/session-principal";

export async function getProfile(db: DbTx, userId: string): Promise<ProfileView> {
  const u = await db.user.findUnique({ where: { id: userId } });
  if (!u) throw new AppError("not_found", "Your account was not found.");
  return { id: u.id, email: u.email, name: u.name, hasPassword: u.passwordHash !== null, createdAt: u.createdAt.toISOString() };
}

/** Change the display name; recorded as user.profile_updated on the instance audit chain. */
export async function updateProfile(db: Db, principal: SessionPrincipal, meta: RequestMeta, input: z.infer<typeof updateProfileSchema>) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: principal.userId } });
    if (!before) throw new AppError("not_found", "Your account was not found.");
    if (before.name === input.name) return getProfile(tx, principal.userId);
    await tx.user.update({ where: { id: principal.userId }, data: { name: input.name } });
    await recordAudit(tx, {
      actor: actorFromPrincipal(principal, meta),
      action: "user.profile_updated",
      resourceType: "user",
      resourceId: principal.userId,
      before: { name: before.name },
      after: { name: input.name },
    });
    return getProfile(tx, principal.userId);
  });
}
