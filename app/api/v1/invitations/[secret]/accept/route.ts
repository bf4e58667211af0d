import { authedRoute } from "@/lib/api/handler";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { acceptInvitation } from "@/lib/members/invitations";

export const POST = authedRoute<{ secret: string }>(async ({ db, principal, meta, params }) => acceptInvitation(db, principal, actorFromPrincipal(principal, meta), params.secret));
