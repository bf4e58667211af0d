import { getDb } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { isInstanceAdmin } from "@/lib/instance/is-instance-admin";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

/** What the account and admin pages' frame needs: whether to show the admin link, and where "back" leads. */
export async function standaloneShellProps(principal: Principal) {
  const db = getDb();
  const [admin, workspaces] = await Promise.all([isInstanceAdmin(db, principal), listWorkspacesForUser(db, principal.userId)]);
  return {
    user: { name: principal.name, email: principal.email },
    isInstanceAdmin: admin,
    backHref: workspaces.length ? `/w/${workspaces[0].slug}` : "/",
  };
}
