import { setUserDisabled } from "@/lib/instance/admin";
import { adminRoute } from "@/lib/instance/admin-route";

/** Enable a disabled account again (its old sessions stay ended: it signs in anew). */
export const POST = adminRoute<{ userId: string }>("write", async ({ db, principal, meta, params }) =>
  setUserDisabled(db, principal, meta, params.userId, false),
);
