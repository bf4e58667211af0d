import { setUserDisabled } from "@/lib/instance/admin";
import { adminRoute } from "@/lib/instance/admin-route";

/** Disable an account: its sessions end now; sign-in and its API tokens are refused. Not your own account. */
export const POST = adminRoute<{ userId: string }>("write", async ({ db, principal, meta, params }) =>
  setUserDisabled(db, principal, meta, params.userId, true),
);
