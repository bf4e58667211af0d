import { getDb, type Db } from "@/lib/db";
import type { Principal, RequestMeta } from "@/lib/auth/principal";
import { authenticateRequest } from "@/lib/api/authenticate";
import { errorResponse, json } from "@/lib/api/respond";
import { requestMeta } from "@/lib/api/request-meta";
import { authorize, requirePrincipal, type WorkspaceAccess } from "@/lib/rbac/authorize";
import type { Scope } from "@/lib/rbac/permissions";

type Params = Record<string, string>;
type NextCtx<P> = { params: Promise<P> };

export interface HandlerArgs<P> {
  req: Request;
  params: P;
  db: Db;
  meta: RequestMeta;
  principal: Principal;
}

const toResponse = (out: unknown) => (out instanceof Response ? out : json(out));

/** A route that needs a signed-in user or a token but no workspace. */
export function authedRoute<P extends Params = Params>(fn: (a: HandlerArgs<P>) => Promise<unknown>) {
  return async (req: Request, ctx: NextCtx<P>): Promise<Response> => {
    try {
      const principal = requirePrincipal(await authenticateRequest(req));
      return toResponse(await fn({ req, params: await ctx.params, db: getDb(), meta: requestMeta(req.headers), principal }));
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** A route under /workspaces/<slug>: authenticates, then authorizes `scope` in that workspace before `fn` runs. */
export function workspaceRoute<P extends Params & { slug: string }>(
  scope: Scope,
  fn: (a: HandlerArgs<P> & { access: WorkspaceAccess }) => Promise<unknown>,
) {
  return authedRoute<P>(async (a) => {
    const access = await authorize(a.db, { principal: a.principal, meta: a.meta, scope, slug: a.params.slug });
    return fn({ ...a, access });
  });
}

/** A route open to anyone (health, OpenAPI, sign-up): only error mapping. */
export function publicRoute<P extends Params = Params>(fn: (a: { req: Request; params: P; meta: RequestMeta }) => Promise<unknown>) {
  return async (req: Request, ctx: NextCtx<P>): Promise<Response> => {
    try {
      return toResponse(await fn({ req, params: await ctx.params, meta: requestMeta(req.headers) }));
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** A route under /runs/<runId> (or another resource) whose workspace is looked up first, then authorized. */
export function resourceRoute<P extends Params>(
  scope: Scope,
  workspaceOf: (db: Db, params: P) => Promise<string>,
  fn: (a: HandlerArgs<P> & { access: WorkspaceAccess }) => Promise<unknown>,
) {
  return authedRoute<P>(async (a) => {
    const workspaceId = await workspaceOf(a.db, a.params);
    const access = await authorize(a.db, { principal: a.principal, meta: a.meta, scope, workspaceId });
    return fn({ ...a, access });
  });
}
