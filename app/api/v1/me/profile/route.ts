import { authedRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { getProfile, updateProfile } from "@/lib/account/profile";
import { updateProfileSchema } from "@/lib/account/schemas";
import { requireSessionPrincipal } from "@/lib/account/session-principal";

export const GET = authedRoute(async ({ db, principal }) => ({ profile: await getProfile(db, principal.userId) }));

/** Change your display name ({ name }). */
export const PATCH = authedRoute(async ({ req, db, principal, meta }) => {
  const p = requireSessionPrincipal(principal, "Changing your profile");
  return { profile: await updateProfile(db, p, meta, await parseJsonBody(req, updateProfileSchema)) };
});
