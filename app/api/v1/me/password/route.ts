import { authedRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { consume } from "@/lib/rate-limit";
import { changePassword } from "@/lib/account/password";
import { changePasswordSchema } from "@/lib/account/schemas";
import { requireSessionPrincipal } from "@/lib/account/session-principal";

/**
 * Change your password ({ currentPassword, newPassword }). Every other session of the account is signed out; this
 * one stays. Attempts count against the same per-account limit as sign-in, so it cannot be used to guess passwords.
 */
export const POST = authedRoute(async ({ req, db, principal, meta }) => {
  const p = requireSessionPrincipal(principal, "Changing the password");
  const input = await parseJsonBody(req, changePasswordSchema);
  await consume("signin:account", p.email.toLowerCase(), "password attempts for this account");
  return changePassword(db, p, meta, input);
});
