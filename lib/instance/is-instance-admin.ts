import type { DbTx } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";

/**
 * Instance administrators: every account whose e-mail is listed in STUDIO_ADMIN_EMAILS (comma-separated,
 * case-insensitive), plus the first account ever created (lowest createdAt), so that a fresh install always has one.
 * Read from the environment on every call (not cached), like roles, so a change applies at the next request.
 */
export function instanceAdminEmails(raw: string | undefined = process.env.STUDIO_ADMIN_EMAILS): Set<string> {
  return new Set(
    (raw ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The id of the first account ever created (ties on createdAt broken by id), or null on an empty instance. */
export async function firstUserId(db: DbTx): Promise<string | null> {
  const first = await db.user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  return first?.id ?? null;
}

export async function isInstanceAdmin(db: DbTx, user: { userId: string; email: string }): Promise<boolean> {
  if (instanceAdminEmails().has(user.email.toLowerCase())) return true;
  return (await firstUserId(db)) === user.userId;
}

/** The same answer as an unknown /api/v1 path (app/api/v1/[...rest]), so a non-admin cannot tell the endpoint exists. */
function notFoundFor(req?: Request): AppError {
  if (!req) return new AppError("not_found", "This page was not found.");
  return new AppError("not_found", `No API endpoint ${req.method} ${new URL(req.url).pathname}. See /api/v1/openapi.json.`);
}

/**
 * The gate of every instance-admin page and endpoint. Anyone who is not an instance admin gets not_found (404), so the
 * admin area does not reveal that it exists. An API token reaches it only when it is personal (not bound to a
 * workspace) and, for changes, has the `admin` scope; reading needs `read` or `admin`.
 */
export async function requireInstanceAdmin(
  db: DbTx,
  principal: Principal,
  opts: { need?: "read" | "write"; req?: Request } = {},
): Promise<void> {
  const need = opts.need ?? "read";
  if (principal.kind === "token" && principal.workspaceId) throw notFoundFor(opts.req);
  if (!(await isInstanceAdmin(db, principal))) throw notFoundFor(opts.req);
  if (principal.kind === "token") {
    const ok = need === "read" ? principal.scopes.some((s) => s === "read" || s === "admin") : principal.scopes.includes("admin");
    if (!ok) {
      throw new AppError("forbidden", `This API token's scopes (${principal.scopes.join(", ") || "none"}) do not allow instance administration${need === "write" ? " changes (needs admin)" : " (needs read)"}.`);
    }
  }
}
