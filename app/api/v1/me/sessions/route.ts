import { authedRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { requireSessionPrincipal } from "@/lib/account/session-principal";
import { listSessions, revokeOtherSessions } from "@/lib/account/sessions";

/** Your signed-in sessions (browsers); the one making this request has `current: true`. */
export const GET = authedRoute(async ({ db, principal }) => ({
  sessions: await listSessions(db, requireSessionPrincipal(principal, "Listing sessions")),
}));

/** Sign out everywhere else: DELETE /api/v1/me/sessions?scope=others ends every session but this one. */
export const DELETE = authedRoute(async ({ req, db, principal, meta }) => {
  const p = requireSessionPrincipal(principal, "Signing sessions out");
  if (new URL(req.url).searchParams.get("scope") !== "others") {
    throw new AppError("bad_request", "Add `?scope=others` to sign out every session except this one, or DELETE /api/v1/me/sessions/<id> for one.");
  }
  return revokeOtherSessions(db, p, meta);
});
