import { parseQuery } from "@/lib/api/body";
import { adminListQuerySchema, listAllWorkspaces } from "@/lib/instance/admin";
import { adminRoute } from "@/lib/instance/admin-route";

/** Every workspace of the instance, oldest first, with member, spec and run counts (instance admins only). */
export const GET = adminRoute("read", async ({ req, db }) => listAllWorkspaces(db, parseQuery(req.url, adminListQuerySchema)));
