import { authedRoute } from "@/lib/api/handler";
import { requireSessionPrincipal } from "@/lib/account/session-principal";
import { revokeSession } from "@/lib/account/sessions";

/** Sign one of your sessions out; that browser is signed out at its next request. */
export const DELETE = authedRoute<{ sessionId: string }>(async ({ db, principal, meta, params }) =>
  revokeSession(db, requireSessionPrincipal(principal, "Signing a session out"), meta, params.sessionId),
);
