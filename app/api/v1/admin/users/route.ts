import { parseQuery } from "@/lib/api/body";
import { adminListQuerySchema, listAllUsers } from "@/lib/instance/admin";
import { adminRoute } from "@/lib/instance/admin-route";

/** Every account of the instance, oldest first (instance admins only). */
export const GET = adminRoute("read", async ({ req, db }) => listAllUsers(db, parseQuery(req.url, adminListQuerySchema)));
