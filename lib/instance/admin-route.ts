import { getDb, type Db } from "@/lib/db";
import type { Principal, RequestMeta } from "@/lib/auth/principal";
import { authenticateRequest } from "@/lib/api/authenticate";
import { errorResponse, json } from "@/lib/api/respond";
import { requestMeta } from "@/lib/api/request-meta";
import { AppError } from "@/lib/errors";
import { requireInstanceAdmin } from "@/lib/instance/is-instance-admin";

type Params = Record<string, string>;

export interface AdminHandlerArgs<P> {
  req: Request;
  params: P;
  db: Db;
  meta: RequestMeta;
  principal: Principal;
}

/**
 * A route under /api/v1/admin: like authedRoute, but everyone who is not an instance admin (signed out, bad token,
 * ordinary user, workspace-bound token) gets the same 404 as an unknown path, so the admin API does not reveal itself.
 * `need: "write"` for changes (an API token then needs the admin scope).
 */
export function adminRoute<P extends Params = Params>(need: "read" | "write", fn: (a: AdminHandlerArgs<P>) => Promise<unknown>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = getDb();
      let principal: Principal | null;
      try {
        principal = await authenticateRequest(req);
      } catch (err) {
        if (!(err instanceof AppError && err.code === "unauthenticated")) throw err;
        principal = null;
      }
      if (!principal) throw new AppError("not_found", `No API endpoint ${req.method} ${new URL(req.url).pathname}. See /api/v1/openapi.json.`);
      await requireInstanceAdmin(db, principal, { req, need });
      const out = await fn({ req, params: await ctx.params, db, meta: requestMeta(req.headers), principal });
      return out instanceof Response ? out : json(out);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
