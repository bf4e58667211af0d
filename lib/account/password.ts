import type { z } from "zod";
import type { Db } from "@/lib/db";
import type { RequestMeta } from "@/lib/auth/principal";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { changePasswordSchema } from "@/lib/account/schemas";
import type { SessionPrincipal } from "@/lib/account/session-principal";

/**
 * Change the signed-in user's password: checks the current one, stores the new argon2id hash, and ends every OTHER
 * session of the account (those browsers are signed out at their next request; this one stays signed in).
 * Recorded as user.password_changed on the instance audit chain. Throws validation_failed (field currentPassword)
 * when the current password is wrong, changing nothing.
 */
export async function changePassword(db: Db, principal: SessionPrincipal, meta: RequestMeta, input: z.infer<typeof changePasswordSchema>) {
  const user = await db.user.findUnique({ where: { id: principal.userId } });
  if (!user) throw new AppError("not_found", "Your account was not found.");
  if (!user.passwordHash) {
    throw new AppError("conflict", "This account signs in through single sign-on and has no password to change.");
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("validation_failed", "The current password is not correct.", { field: "currentPassword" });
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError("validation_failed", "Choose a new password that differs from the current one.", { field: "newPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    // The hash we verified must still be the stored one: two concurrent changes cannot both win.
    const updated = await tx.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (updated.count !== 1) throw new AppError("conflict", "Your password was changed meanwhile; reload the page and try again.");
    const { count } = await tx.session.deleteMany({ where: { userId: user.id, id: { not: principal.sessionId } } });
    await recordAudit(tx, {
      actor: actorFromPrincipal(principal, meta),
      action: "user.password_changed",
      resourceType: "user",
      resourceId: user.id,
      metadata: { otherSessionsSignedOut: count },
    });
    return { otherSessionsSignedOut: count };
  });
}
